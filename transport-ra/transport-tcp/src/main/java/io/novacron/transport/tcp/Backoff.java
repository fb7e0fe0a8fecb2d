package io.novacron.transport.tcp;

import java.util.random.RandomGenerator;

/**
 * Reconnect delays: exponential from min to max, each drawn uniformly from [d/2, d] ("equal jitter") so that
 * nodes cut off together do not reconnect in lock step. Not thread-safe: each stream owns one.
 */
final class Backoff {

    private final long minMs;
    private final long maxMs;
    private final RandomGenerator random;
    private int failures;

    Backoff(long minMs, long maxMs, RandomGenerator random) {
        this.minMs = minMs;
        this.maxMs = maxMs;
        this.random = random;
    }

    /** The delay before the next attempt, after one more failure. */
    long nextDelayMs() {
        long d = minMs << Math.min(failures, 30);
        d = d <= 0 || d > maxMs ? maxMs : d;
        failures++;
        long half = d / 2;
        return half + (d - half == 0 ? 0 : random.nextLong(d - half + 1));
    }

    void reset() {
        failures = 0;
    }
}
