package io.novacron.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives a started {@link ConsensusSystem} in a closed loop: one issuing thread keeps exactly
 * {@link Workload#inFlight()} proposals outstanding (a new one is issued as soon as one completes), through a
 * warm-up phase and then a measured phase.
 *
 * <p>Latency of an operation = commit-future completion time minus submit time (System.nanoTime). An operation
 * belongs to the measured phase if it <em>completes</em> inside the measured window; throughput is the number of
 * such completions divided by the window's length. Failed operations are counted but not put in the histogram.
 */
public final class ClosedLoopDriver {

    /** How long to wait for outstanding proposals after the measured phase before giving up. */
    private static final long DRAIN_TIMEOUT_SECONDS = 60;

    private final ConsensusSystem system;
    private final Workload workload;

    private final Semaphore permits;
    private final LatencyRecorder recorder = new LatencyRecorder();
    private final AtomicLong completedTotal = new AtomicLong();
    private final AtomicLong measuredCount = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();

    /** System.nanoTime of the measured window's start / end; MAX_VALUE until set. */
    private volatile long measureStart = Long.MAX_VALUE;
    private volatile long measureEnd = Long.MAX_VALUE;
    private volatile boolean stopIssuing;
    /** Completion count that ends the warm-up / the measurement when the phase is op-limited. */
    private volatile long warmupTargetCompletions = Long.MAX_VALUE;
    private final Object phaseLock = new Object();

    public ClosedLoopDriver(ConsensusSystem system, Workload workload) {
        this.system = system;
        this.workload = workload;
        this.permits = new Semaphore(workload.inFlight());
    }

    /** Result of one driven cell. */
    /**
     * @param cpuNanos CPU time this whole JVM (system under test + harness) used during the measured window, or -1
     *                 if the JVM cannot tell; per op it is less sensitive than ops/s to other load on the machine
     */
    public record Result(LatencyRecorder.Stats stats, long errors, long submitted, Throwable firstError,
                         boolean drained, long cpuNanos) {

        /** Process CPU microseconds per measured op, or -1 if unknown. */
        public double cpuMicrosPerOp() {
            return cpuNanos < 0 || stats.count() == 0 ? -1 : cpuNanos / 1e3 / stats.count();
        }
    }

    /** Runs warm-up and measurement; returns after all outstanding proposals completed (or the drain timed out). */
    public Result run() throws InterruptedException {
        byte[] template = new byte[workload.payloadBytes()];
        ThreadLocalRandom.current().nextBytes(template);

        Thread issuer = new Thread(() -> issueLoop(template), "bench-issuer");
        issuer.setDaemon(true);

        // Warm-up.
        if (workload.warmup().ops() > 0) {
            warmupTargetCompletions = workload.warmup().ops();
        }
        issuer.start();
        waitPhase(workload.warmup(), () -> completedTotal.get() >= warmupTargetCompletions);

        // Measurement.
        long target = workload.measure().ops();
        long cpuStart = processCpuNanos();
        measureStart = System.nanoTime();
        waitPhase(workload.measure(), () -> target > 0 && measuredCount.get() >= target);
        long end = System.nanoTime();
        long cpuEnd = processCpuNanos();
        if (measureEnd == Long.MAX_VALUE) {
            measureEnd = end;
        }
        stopIssuing = true;

        // Drain: wait until every outstanding proposal has completed.
        issuer.join(TimeUnit.SECONDS.toMillis(DRAIN_TIMEOUT_SECONDS));
        boolean drained = permits.tryAcquire(workload.inFlight(), DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (drained) {
            permits.release(workload.inFlight());
        }

        long elapsed = Math.max(1, measureEnd - measureStart);
        long cpu = cpuStart < 0 || cpuEnd < 0 ? -1 : cpuEnd - cpuStart;
        return new Result(recorder.summarize(elapsed), errors.get(), submitted.get(), firstError.get(), drained, cpu);
    }

    /** CPU time used by this JVM so far (all threads), or -1 when not available. Also used by the cluster harness. */
    public static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    private interface Cond {
        boolean done();
    }

    /** Waits until the phase's time is over or its op condition holds. */
    private void waitPhase(Limit limit, Cond opsDone) throws InterruptedException {
        long deadline = System.nanoTime() + limit.time().toNanos();
        synchronized (phaseLock) {
            while (!opsDone.done()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                // Woken by completions when an op target is set; otherwise just sleeps until the deadline.
                TimeUnit.NANOSECONDS.timedWait(phaseLock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
        }
    }

    private void issueLoop(byte[] template) {
        long seq = 0;
        try {
            while (!stopIssuing) {
                if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                if (stopIssuing) {
                    permits.release();
                    break;
                }
                byte[] payload = template.clone();
                stamp(payload, seq++);
                submitted.incrementAndGet();
                long t0 = System.nanoTime();
                CompletableFuture<?> f;
                try {
                    f = system.submit(payload);
                } catch (RuntimeException e) {
                    f = CompletableFuture.failedFuture(e);
                }
                f.whenComplete((r, e) -> onComplete(t0, e));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onComplete(long t0, Throwable error) {
        long now = System.nanoTime();
        try {
            if (error != null) {
                errors.incrementAndGet();
                firstError.compareAndSet(null, error);
            } else {
                long total = completedTotal.incrementAndGet();
                if (now >= measureStart && now < measureEnd) {
                    long target = workload.measure().ops();
                    if (target <= 0) {
                        recorder.record(now - t0);
                    } else {
                        long n = measuredCount.incrementAndGet();
                        if (n <= target) {
                            recorder.record(now - t0);
                        }
                        if (n == target) {
                            measureEnd = now + 1;
                            stopIssuing = true;
                            signal();
                        }
                    }
                } else if (total == warmupTargetCompletions) {
                    signal();
                }
            }
        } finally {
            permits.release();
        }
    }

    private void signal() {
        synchronized (phaseLock) {
            phaseLock.notifyAll();
        }
    }

    /** Writes a sequence number into the first bytes so proposals are distinct. */
    private static void stamp(byte[] payload, long seq) {
        for (int i = 0; i < Math.min(8, payload.length); i++) {
            payload[i] = (byte) (seq >>> (8 * i));
        }
    }
}
