package io.novacron.consensus.faults;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What faults one member injects into the consensus frames it sends, for system tests only: per-frame chances to
 * drop, duplicate or corrupt, a per-round delay, PBFT equivocation as primary, and the seed of every random choice.
 * <p>
 * A record validated on construction, so a plan that exists is a plan that makes sense; {@link #parse(Map)} reads
 * the keys a server takes from its configuration and {@link #describe()} prints them back the same way, so the
 * log line of a failing run is also the configuration that replays it.
 *
 * @param dropRate      chance in [0, 1] that a frame is not sent
 * @param duplicateRate chance in [0, 1] that a frame is sent twice
 * @param corruptRate   chance in [0, 1] that a frame's bits are flipped where the receiver's checks reject it
 * @param delayMs       every round's frames leave this much later, 0 to {@link #DELAY_MS_MAX}
 * @param delayJitterMs plus a random 0..delayJitterMs per round, 0 to {@link #DELAY_MS_MAX}
 * @param equivocate    as PBFT primary, send half the backups a conflicting, validly signed PRE-PREPARE
 * @param seed          seeds every random choice above
 */
public record FaultPlan(double dropRate, double duplicateRate, double corruptRate, long delayMs, long delayJitterMs,
                        boolean equivocate, long seed) {

    // The configuration keys, declared once; a server reads each with its own prefix in front.
    public static final String DROP_RATE = "drop-rate";
    public static final String DUPLICATE_RATE = "duplicate-rate";
    public static final String CORRUPT_RATE = "corrupt-rate";
    public static final String DELAY_MS = "delay-ms";
    public static final String DELAY_JITTER_MS = "delay-jitter-ms";
    public static final String EQUIVOCATE = "equivocate";
    public static final String SEED = "seed";
    /** Every key {@link #parse(Map)} accepts; a server prefixes them (e.g. {@code novacron.test.faults.}). */
    public static final Set<String> KEYS = Set.of(DROP_RATE, DUPLICATE_RATE, CORRUPT_RATE, DELAY_MS, DELAY_JITTER_MS,
            EQUIVOCATE, SEED);
    /** An hour: a longer delay is a typo, and the bound keeps delay plus jitter far from overflow. */
    public static final long DELAY_MS_MAX = 3_600_000;

    /** Rejects any value outside its range with one line naming the key, the value and what is allowed. */
    public FaultPlan {
        checkRate(DROP_RATE, dropRate);
        checkRate(DUPLICATE_RATE, duplicateRate);
        checkRate(CORRUPT_RATE, corruptRate);
        checkDelay(DELAY_MS, delayMs);
        checkDelay(DELAY_JITTER_MS, delayJitterMs);
    }

    /** No faults at all. */
    public static FaultPlan none() {
        return new FaultPlan(0, 0, 0, 0, 0, false, 0);
    }

    /**
     * Reads a plan from {@code properties} (keys without any prefix; absent keys mean no such fault). Without a
     * {@code seed} one is drawn at random; {@link #describe()} shows it so the run can be replayed.
     *
     * @throws IllegalArgumentException for an unknown key or a bad value, in one line naming the key and the range
     */
    public static FaultPlan parse(Map<String, String> properties) {
        for (String key : properties.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown fault key '" + key + "': accepted keys are " + DROP_RATE
                        + ", " + DUPLICATE_RATE + ", " + CORRUPT_RATE + ", " + DELAY_MS + ", " + DELAY_JITTER_MS
                        + ", " + EQUIVOCATE + ", " + SEED);
            }
        }
        return new FaultPlan(
                rate(properties, DROP_RATE),
                rate(properties, DUPLICATE_RATE),
                rate(properties, CORRUPT_RATE),
                delay(properties, DELAY_MS),
                delay(properties, DELAY_JITTER_MS),
                flag(properties, EQUIVOCATE),
                properties.containsKey(SEED) ? seed(properties.get(SEED)) : ThreadLocalRandom.current().nextLong());
    }

    /** True if this plan changes anything about what the member sends. */
    public boolean isActive() {
        return dropRate > 0 || duplicateRate > 0 || corruptRate > 0 || delayMs > 0 || delayJitterMs > 0 || equivocate;
    }

    /** True if rounds are held back before they are sent. */
    public boolean delays() {
        return delayMs > 0 || delayJitterMs > 0;
    }

    /** One line for a loud log: "no faults", or every key with its value, in the form {@link #parse} reads. */
    public String describe() {
        if (!isActive()) {
            return "no faults";
        }
        return DROP_RATE + "=" + dropRate + " " + DUPLICATE_RATE + "=" + duplicateRate + " " + CORRUPT_RATE + "="
                + corruptRate + " " + DELAY_MS + "=" + delayMs + " " + DELAY_JITTER_MS + "=" + delayJitterMs + " "
                + EQUIVOCATE + "=" + equivocate + " " + SEED + "=" + seed;
    }

    private static double rate(Map<String, String> properties, String key) {
        String text = properties.get(key);
        if (text == null) {
            return 0;
        }
        try {
            double value = Double.parseDouble(text.strip());
            checkRate(key, value);
            return value;
        } catch (NumberFormatException e) {
            throw badRate(key, text);
        }
    }

    private static long delay(Map<String, String> properties, String key) {
        String text = properties.get(key);
        if (text == null) {
            return 0;
        }
        try {
            long value = Long.parseLong(text.strip());
            checkDelay(key, value);
            return value;
        } catch (NumberFormatException e) {
            throw badDelay(key, text);
        }
    }

    private static boolean flag(Map<String, String> properties, String key) {
        String text = properties.get(key);
        if (text == null) {
            return false;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + "='" + text + "' is invalid: must be true or false");
        };
    }

    private static long seed(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SEED + "='" + text + "' is invalid: must be a whole number from "
                    + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
        }
    }

    private static void checkRate(String key, double value) {
        if (!(value >= 0 && value <= 1)) { // written so that NaN fails too
            throw badRate(key, String.valueOf(value));
        }
    }

    private static void checkDelay(String key, long value) {
        if (value < 0 || value > DELAY_MS_MAX) {
            throw badDelay(key, String.valueOf(value));
        }
    }

    private static IllegalArgumentException badRate(String key, String text) {
        return new IllegalArgumentException(key + "='" + text + "' is invalid: must be a probability from 0 to 1");
    }

    private static IllegalArgumentException badDelay(String key, String text) {
        return new IllegalArgumentException(key + "='" + text + "' is invalid: must be whole milliseconds from 0 to "
                + DELAY_MS_MAX);
    }
}
