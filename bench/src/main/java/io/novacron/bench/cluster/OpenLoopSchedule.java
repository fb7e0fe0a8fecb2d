package io.novacron.bench.cluster;

/**
 * The intended send times of an open loop: write {@code n} is due at {@code startNanos + n / ratePerSec}, whatever
 * happened to the writes before it. Latency is measured from this time, not from when the request actually left,
 * so a stalled cluster shows its stall in every write that should have gone out meanwhile (no coordinated omission:
 * a harness that waits for the server before sending the next write records only the writes the server let it send).
 *
 * <p>Each time is computed from {@code n} alone, never by adding an interval to the previous one, so rounding does
 * not accumulate: after a million writes the schedule is still exactly on the rate. Pure: no clock, no threads.
 */
public final class OpenLoopSchedule {

    private static final double NANOS_PER_SEC = 1e9;

    private final long startNanos;
    private final double ratePerSec;

    public OpenLoopSchedule(long startNanos, double ratePerSec) {
        if (!(ratePerSec > 0) || Double.isInfinite(ratePerSec)) {
            throw new IllegalArgumentException("ratePerSec must be positive and finite: " + ratePerSec);
        }
        this.startNanos = startNanos;
        this.ratePerSec = ratePerSec;
    }

    /** The System.nanoTime at which write {@code n} (0-based) is due. */
    public long intendedNanos(long n) {
        if (n < 0) throw new IllegalArgumentException("n < 0: " + n);
        return startNanos + Math.round(n * NANOS_PER_SEC / ratePerSec);
    }

    /**
     * How many writes are due at or before {@code nowNanos}, i.e. the smallest {@code n} with
     * {@code intendedNanos(n) > nowNanos}. A sender that has sent fewer is behind and sends at once.
     */
    public long dueBy(long nowNanos) {
        if (nowNanos < startNanos) return 0;
        // Estimate from the rate, then correct for rounding so the answer agrees with intendedNanos exactly.
        long n = (long) Math.floor((nowNanos - startNanos) * ratePerSec / NANOS_PER_SEC) + 1;
        while (n > 0 && intendedNanos(n - 1) > nowNanos) n--;
        while (intendedNanos(n) <= nowNanos) n++;
        return n;
    }

    /** The number of writes due in {@code [startNanos, endNanos)}: the schedule's length for a run ending then. */
    public long countBefore(long endNanos) {
        if (endNanos <= startNanos) return 0;
        return dueBy(endNanos - 1);
    }

    public long startNanos() {
        return startNanos;
    }

    public double ratePerSec() {
        return ratePerSec;
    }
}
