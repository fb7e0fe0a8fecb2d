package io.novacron.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    /** Relative precision of a 3-significant-digit HdrHistogram. */
    private static final double PRECISION = 0.001;

    private static void assertNear(double expected, double actual) {
        assertEquals(expected, actual, expected * PRECISION, () -> "expected ~" + expected + " but was " + actual);
    }

    @Test
    void percentilesOfUniformDistribution() {
        LatencyRecorder r = new LatencyRecorder();
        // 1 us, 2 us, ..., 10 000 us, shuffled order does not matter for a histogram.
        for (int i = 10_000; i >= 1; i--) {
            r.record(i * 1_000L);
        }
        assertEquals(10_000, r.count());
        assertNear(5_000_000, r.percentileNanos(50));
        assertNear(9_900_000, r.percentileNanos(99));
        assertNear(9_990_000, r.percentileNanos(99.9));
        assertNear(10_000_000, r.percentileNanos(100));

        LatencyRecorder.Stats s = r.summarize(2_000_000_000L); // 10 000 ops in 2 s
        assertEquals(10_000, s.count());
        assertEquals(5_000.0, s.opsPerSec(), 1e-9);
        assertNear(5.0, s.p50Millis());
        assertNear(9.9, s.p99Millis());
        assertNear(9.99, s.p999Millis());
        assertNear(10.0, s.maxMillis());
        assertNear(5_000_500, s.meanNanos());
        assertEquals(2.0, s.elapsedSeconds(), 1e-12);
    }

    @Test
    void skewedDistributionPutsTailInP99() {
        LatencyRecorder r = new LatencyRecorder();
        for (int i = 0; i < 990; i++) r.record(100_000);      // 0.1 ms
        for (int i = 0; i < 10; i++) r.record(50_000_000);    // 50 ms
        assertNear(100_000, r.percentileNanos(50));
        assertNear(100_000, r.percentileNanos(99));
        assertNear(50_000_000, r.percentileNanos(99.9));
    }

    @Test
    void emptyRecorderSummarisesToZero() {
        LatencyRecorder.Stats s = new LatencyRecorder().summarize(1_000_000_000L);
        assertEquals(0, s.count());
        assertEquals(0.0, s.opsPerSec());
        assertEquals(0, s.p50Nanos());
        assertEquals(0, s.p99Nanos());
    }

    @Test
    void resetClears() {
        LatencyRecorder r = new LatencyRecorder();
        r.record(5);
        r.reset();
        assertEquals(0, r.count());
    }

    @Test
    void rejectsBadArguments() {
        LatencyRecorder r = new LatencyRecorder();
        assertThrows(IllegalArgumentException.class, () -> r.percentileNanos(0));
        assertThrows(IllegalArgumentException.class, () -> r.percentileNanos(100.5));
        assertThrows(IllegalArgumentException.class, () -> r.summarize(0));
    }
}
