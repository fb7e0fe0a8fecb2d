package io.novacron.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Records per-operation latencies in nanoseconds (thread-safe, lock-free on the recording path) and summarises
 * them as percentiles and throughput. Backed by an HdrHistogram with 3 significant digits, so every reported
 * percentile is within 0.1% of the exact value of the recorded sample.
 */
public final class LatencyRecorder {

    private static final int SIGNIFICANT_DIGITS = 3;

    private final ConcurrentHistogram histogram;

    public LatencyRecorder() {
        // Auto-resizing: any latency from 1 ns up is recordable.
        histogram = new ConcurrentHistogram(SIGNIFICANT_DIGITS);
    }

    /** Records one operation that took {@code nanos} nanoseconds (values below 1 are recorded as 1). */
    public void record(long nanos) {
        histogram.recordValue(Math.max(1L, nanos));
    }

    /** Operations recorded so far. */
    public long count() {
        return histogram.getTotalCount();
    }

    /** The latency at percentile {@code p} (0 &lt; p &lt;= 100) in nanoseconds; 0 when nothing was recorded. */
    public long percentileNanos(double p) {
        if (!(p > 0 && p <= 100)) throw new IllegalArgumentException("percentile out of (0, 100]: " + p);
        return histogram.getValueAtPercentile(p);
    }

    /** Clears all recorded values. */
    public void reset() {
        histogram.reset();
    }

    /**
     * Summarises what was recorded over a measured interval of {@code elapsedNanos}.
     * Throughput is {@code count / elapsed}.
     */
    public Stats summarize(long elapsedNanos) {
        if (elapsedNanos <= 0) throw new IllegalArgumentException("elapsedNanos <= 0");
        Histogram h = histogram.copy();
        long n = h.getTotalCount();
        double opsPerSec = n / (elapsedNanos / 1e9);
        return new Stats(n, elapsedNanos, opsPerSec,
            n == 0 ? 0 : h.getValueAtPercentile(50.0),
            n == 0 ? 0 : h.getValueAtPercentile(99.0),
            n == 0 ? 0 : h.getValueAtPercentile(99.9),
            n == 0 ? 0 : h.getMaxValue(),
            n == 0 ? 0 : h.getMean());
    }

    /** Summary of a measured interval. Latencies in nanoseconds; helpers convert to milliseconds. */
    public record Stats(long count, long elapsedNanos, double opsPerSec,
                        long p50Nanos, long p99Nanos, long p999Nanos, long maxNanos, double meanNanos) {

        public double p50Millis() {
            return toMillis(p50Nanos);
        }

        public double p99Millis() {
            return toMillis(p99Nanos);
        }

        public double p999Millis() {
            return toMillis(p999Nanos);
        }

        public double maxMillis() {
            return toMillis(maxNanos);
        }

        public double elapsedSeconds() {
            return elapsedNanos / (double) TimeUnit.SECONDS.toNanos(1);
        }

        private static double toMillis(double nanos) {
            return nanos / 1e6;
        }
    }
}
