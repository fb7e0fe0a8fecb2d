package io.novacron.bench.cluster;

import io.novacron.bench.ClosedLoopDriver;
import io.novacron.bench.LatencyRecorder;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * One load run: a warm-up, the measured window, then a drain that waits for the writes still outstanding. The
 * calling thread issues writes (open loop: on the {@link OpenLoopSchedule}; closed loop: whenever one completes),
 * the HTTP clients' threads account for completions, and a daemon thread prints progress once a second.
 *
 * <p>What counts, and why:
 * <ul>
 * <li>Throughput = writes committed (201) <em>inside</em> the window ÷ its length: the rate the cluster sustained.
 * <li>Latency and errors are of writes <em>started</em> in the window (open loop: due in it), however late they
 *     finish: a write that took 5 s because the cluster stalled must be in the tail, not cut off at the window's
 *     end. Latency is of committed writes only; open loop counts from the intended send time.
 * <li>Open loop stops sending when the window ends; writes due in it but not sent (the in-flight cap was reached
 *     all the while, or the harness fell behind its own schedule) are reported as {@code notSent}, never silently
 *     dropped.
 * </ul>
 * Invariant: permits available + writes outstanding == inFlight, so at most inFlight writes are ever outstanding.
 */
final class LoadRun {

    /** Beyond the request timeout, how long the drain waits for answers the HTTP client has not yet timed out. */
    private static final long DRAIN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /**
     * How far past the window's end an open loop still sends a write that was due inside it, when the harness (not
     * the cap) made it late: a descheduled issuer should not turn the last writes into "not sent", but a harness far
     * behind must stop rather than send its backlog after the window.
     */
    private static final long LATE_SEND_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How often a closed-loop issuer waiting for a permit looks at the clock, so it stops at the window's end. */
    private static final long PERMIT_POLL_MILLIS = 50;

    private final LoadOptions options;
    private final LongFunction<CompletableFuture<HostWriter.Outcome>> writer;
    private final PrintStream out;
    private final Semaphore permits;

    private final LatencyRecorder latency = new LatencyRecorder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, String> firstErrors = new ConcurrentHashMap<>();
    private final LongAdder committedInWindow = new LongAdder();
    private final LongAdder endedInWindow = new LongAdder();
    private final LongAdder committedTotal = new LongAdder();
    private final LongAdder failedTotal = new LongAdder();
    private final AtomicLong maxSendLagNanos = new AtomicLong();

    private long startNanos;
    private long measureStartNanos;
    private long measureEndNanos;
    /** Process CPU time when the window opened (taken on the progress thread) and closed; -1 until then. */
    private volatile long cpuAtStartNanos = -1;
    private long cpuAtEndNanos = -1;
    private double loadAverageAtEnd = -1;

    /**
     * @param writer sends write {@code n} and completes normally with its outcome ({@link HostWriter#write})
     * @param out    where progress lines go
     */
    LoadRun(LoadOptions options, LongFunction<CompletableFuture<HostWriter.Outcome>> writer, PrintStream out) {
        this.options = options;
        this.writer = writer;
        this.out = out;
        this.permits = new Semaphore(options.inFlight());
    }

    /** Runs warm-up, window and drain on the calling thread; returns what was measured. */
    LoadSummary run(String target, List<String> servers) throws InterruptedException {
        startNanos = System.nanoTime();
        measureStartNanos = startNanos + options.warmup().toNanos();
        measureEndNanos = measureStartNanos + options.duration().toNanos();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cluster-load-progress");
            t.setDaemon(true);
            return t;
        });
        progress.scheduleAtFixedRate(new ProgressPrinter(), 1, 1, TimeUnit.SECONDS);
        // The harness's own CPU in the window: it shares the machine with the servers it loads.
        progress.schedule(() -> cpuAtStartNanos = ClosedLoopDriver.processCpuNanos(),
            measureStartNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        long notSent = 0;
        boolean drained;
        try {
            if (options.mode() == LoadOptions.Mode.OPEN) {
                notSent = issueOpenLoop();
            } else {
                issueClosedLoop();
            }
            long wait;
            while ((wait = measureEndNanos - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            cpuAtEndNanos = ClosedLoopDriver.processCpuNanos();
            loadAverageAtEnd = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            long drainNanos = options.requestTimeout().toNanos() + DRAIN_GRACE_NANOS;
            drained = permits.tryAcquire(options.inFlight(), drainNanos, TimeUnit.NANOSECONDS);
        } finally {
            progress.shutdownNow();
        }
        long unfinished = drained ? 0 : options.inFlight() - permits.availablePermits();
        return summarize(target, servers, notSent, unfinished);
    }

    /** Returns how many writes were due in the window but not sent by its end. */
    private long issueOpenLoop() throws InterruptedException {
        OpenLoopSchedule schedule = new OpenLoopSchedule(startNanos, options.ratePerSec());
        long total = schedule.countBefore(measureEndNanos);
        long measuredFirst = schedule.dueBy(measureStartNanos - 1);
        for (long n = 0; n < total; n++) {
            long intended = schedule.intendedNanos(n);
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            // Waits for a permit only when the cap is reached, and at most until the window ends; that wait shows in
            // this write's latency, as it should. A write the issuer itself is late for is still sent, up to a grace.
            if (!permits.tryAcquire()) {
                long windowLeft = measureEndNanos - System.nanoTime();
                if (windowLeft <= 0 || !permits.tryAcquire(windowLeft, TimeUnit.NANOSECONDS)) {
                    return total - Math.max(n, measuredFirst);
                }
            } else if (System.nanoTime() - measureEndNanos > LATE_SEND_GRACE_NANOS) {
                // The harness itself fell behind so far that this write would leave well after the window.
                permits.release();
                return total - Math.max(n, measuredFirst);
            }
            maxSendLagNanos.accumulateAndGet(System.nanoTime() - intended, Math::max);
            send(n, intended, intended >= measureStartNanos);
        }
        return 0;
    }

    private void issueClosedLoop() throws InterruptedException {
        long n = 0;
        while (System.nanoTime() < measureEndNanos) {
            if (!permits.tryAcquire(PERMIT_POLL_MILLIS, TimeUnit.MILLISECONDS)) continue;
            long now = System.nanoTime();
            if (now >= measureEndNanos) {
                permits.release();
                break;
            }
            send(n++, now, now >= measureStartNanos);
        }
    }

    /** Sends write {@code n}; its latency counts from {@code fromNanos}. The caller holds a permit for it. */
    private void send(long n, long fromNanos, boolean measured) {
        CompletableFuture<HostWriter.Outcome> f;
        try {
            f = writer.apply(n);
        } catch (RuntimeException e) {
            f = CompletableFuture.completedFuture(HostWriter.failed(e));
        }
        f.whenComplete((outcome, error) -> complete(
            error == null ? outcome : HostWriter.failed(error), fromNanos, measured));
    }

    private void complete(HostWriter.Outcome outcome, long fromNanos, boolean measured) {
        long now = System.nanoTime();
        try {
            if (now >= measureStartNanos && now < measureEndNanos) endedInWindow.increment();
            if (outcome.committed()) {
                committedTotal.increment();
                if (now >= measureStartNanos && now < measureEndNanos) committedInWindow.increment();
                if (measured) latency.record(now - fromNanos);
            } else {
                failedTotal.increment();
                if (measured) {
                    errors.computeIfAbsent(outcome.key(), k -> new LongAdder()).increment();
                    if (outcome.detail() != null) firstErrors.putIfAbsent(outcome.key(), outcome.detail());
                }
            }
        } finally {
            permits.release();
        }
    }

    private LoadSummary summarize(String target, List<String> servers, long notSent, long unfinished) {
        double measuredSeconds = options.duration().toNanos() / 1e9;
        LatencyRecorder.Stats stats = latency.summarize(options.duration().toNanos());
        long p90 = stats.count() == 0 ? 0 : latency.percentileNanos(90);
        TreeMap<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
        long committed = committedInWindow.sum();
        return new LoadSummary(options.label(), options.mode(),
            options.mode() == LoadOptions.Mode.OPEN ? options.ratePerSec() : 0, options.inFlight(), target, servers,
            options.warmup().toNanos() / 1e9, measuredSeconds, committed, committed / measuredSeconds,
            stats.count(), stats.p50Nanos(), p90, stats.p99Nanos(), stats.p999Nanos(), stats.maxNanos(), errorCounts,
            firstErrors, notSent, unfinished, maxSendLagNanos.get(), options.inProcessOpsPerSec(),
            endedInWindow.sum(), cpuAtStartNanos < 0 || cpuAtEndNanos < 0 ? -1 : cpuAtEndNanos - cpuAtStartNanos,
            loadAverageAtEnd);
    }

    /** Prints what happened in the last second; runs on the progress thread. */
    private final class ProgressPrinter implements Runnable {
        /** Counted, not read off the clock: a late tick must not print the same second twice. */
        private long seconds;
        private long lastCommitted;
        private long lastFailed;

        @Override
        public void run() {
            long now = System.nanoTime();
            long committed = committedTotal.sum();
            long failed = failedTotal.sum();
            String phase = now < measureStartNanos ? "warmup" : now < measureEndNanos ? "measure" : "drain";
            out.println(ResultReport.progress(++seconds, phase, committed - lastCommitted,
                failed - lastFailed, options.inFlight() - permits.availablePermits()));
            lastCommitted = committed;
            lastFailed = failed;
        }
    }
}
