package io.novacron.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * When a phase (warm-up or measurement) ends: after {@code time}, or after {@code ops} completed operations,
 * whichever comes first. {@code ops == 0} means "no op limit". A time is always present so a phase is bounded.
 */
public record Limit(Duration time, long ops) {

    /** Upper bound for op-count phases, so that a stuck system cannot hang the harness. */
    public static final Duration OPS_SAFETY_CAP = Duration.ofMinutes(5);

    public Limit {
        Objects.requireNonNull(time, "time");
        if (time.isNegative()) throw new IllegalArgumentException("negative time: " + time);
        if (ops < 0) throw new IllegalArgumentException("negative ops: " + ops);
    }

    public static Limit ofTime(Duration time) {
        return new Limit(time, 0);
    }

    public static Limit ofOps(long ops) {
        return new Limit(OPS_SAFETY_CAP, ops);
    }

    @Override
    public String toString() {
        return ops > 0 ? ops + " ops" : time.toMillis() / 1000.0 + " s";
    }
}
