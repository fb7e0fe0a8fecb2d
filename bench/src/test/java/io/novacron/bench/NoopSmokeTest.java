package io.novacron.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the harness end to end on in-process systems only: no ports, no Ratis, a few hundred operations. */
class NoopSmokeTest {

    @TempDir
    Path tmp;

    private static Workload ops(int payload, int inFlight, long warmupOps, long measureOps) {
        return new Workload(payload, inFlight, Limit.ofOps(warmupOps), Limit.ofOps(measureOps), Durability.MEMORY);
    }

    @Test
    void noopSystemRunsAFewHundredOps() throws Exception {
        NoopSystem noop = new NoopSystem();
        noop.start(ops(16, 8, 100, 300), tmp);
        ClosedLoopDriver.Result r;
        try {
            r = new ClosedLoopDriver(noop, ops(16, 8, 100, 300)).run();
        } finally {
            noop.stop();
        }
        assertTrue(r.drained());
        assertEquals(0, r.errors());
        assertNull(r.firstError());
        assertEquals(300, r.stats().count(), "measured exactly the requested op count");
        assertTrue(r.stats().opsPerSec() > 0);
        assertTrue(noop.committed() >= 400, "warm-up + measurement committed: " + noop.committed());
        assertEquals(r.submitted(), noop.committed(), "every submitted proposal was committed");
    }

    /** Completes proposals later, on another thread, and tracks how many are outstanding at once. */
    static final class DeferredSystem implements ConsensusSystem {
        final ConcurrentLinkedQueue<CompletableFuture<Void>> pending = new ConcurrentLinkedQueue<>();
        final AtomicInteger outstanding = new AtomicInteger();
        final AtomicInteger maxOutstanding = new AtomicInteger();
        private volatile boolean running;
        private Thread completer;

        @Override
        public String name() {
            return "deferred";
        }

        @Override
        public int replicas() {
            return 1;
        }

        @Override
        public void start(Workload workload, Path dataDir) {
            running = true;
            completer = new Thread(() -> {
                while (running || !pending.isEmpty()) {
                    CompletableFuture<Void> f = pending.poll();
                    if (f == null) {
                        Thread.onSpinWait();
                        continue;
                    }
                    outstanding.decrementAndGet();
                    f.complete(null);
                }
            }, "deferred-completer");
            completer.setDaemon(true);
            completer.start();
        }

        @Override
        public CompletableFuture<?> submit(byte[] payload) {
            int now = outstanding.incrementAndGet();
            maxOutstanding.accumulateAndGet(now, Math::max);
            CompletableFuture<Void> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        }

        @Override
        public void stop() throws InterruptedException {
            running = false;
            completer.join(10_000);
        }
    }

    @Test
    void closedLoopNeverExceedsInFlight() throws Exception {
        DeferredSystem sys = new DeferredSystem();
        Workload w = ops(64, 4, 50, 500);
        sys.start(w, tmp);
        ClosedLoopDriver.Result r;
        try {
            r = new ClosedLoopDriver(sys, w).run();
        } finally {
            sys.stop();
        }
        assertTrue(r.drained());
        assertEquals(500, r.stats().count());
        assertTrue(sys.maxOutstanding.get() <= 4, "max outstanding " + sys.maxOutstanding.get());
        assertTrue(sys.maxOutstanding.get() >= 1);
    }

    @Test
    void mainPrintsTableForNoop() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc = BenchmarkMain.run(new String[] {
            "--systems=noop", "--payloads=16,1024", "--durability=memory,disk", "--inflight=8",
            "--warmup-ops=50", "--ops=200", "--in-process", "--jvm-warmup=200ms",
            "--data-dir=" + tmp}, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, out);
        assertTrue(out.contains("| system"), out);
        assertTrue(out.contains("| noop "), out);
        assertTrue(out.contains("1 KiB"), out);
        assertTrue(out.contains("disk+fsync"), out);
        try (var files = Files.list(tmp)) {
            assertEquals(0, files.count(), "per-run data directories are deleted");
        }
    }

    @Test
    void parsesDurations() {
        assertEquals(Duration.ofMillis(500), BenchmarkMain.parseDuration("500ms"));
        assertEquals(Duration.ofSeconds(3), BenchmarkMain.parseDuration("3s"));
        assertEquals(Duration.ofMillis(1500), BenchmarkMain.parseDuration("1.5s"));
        assertEquals(Duration.ofMinutes(2), BenchmarkMain.parseDuration("2m"));
        assertEquals(Duration.ofSeconds(4), BenchmarkMain.parseDuration("4"));
    }

    @Test
    void cellResultRoundTrips() throws Exception {
        LatencyRecorder rec = new LatencyRecorder();
        for (int i = 1; i <= 100; i++) rec.record(i * 1_000_000L);
        ClosedLoopDriver.Result x = new ClosedLoopDriver.Result(rec.summarize(1_000_000_000L), 2, 104,
            new IllegalStateException("boom\twith tab"), true, 5_000_000L);
        BenchmarkMain.Row row = new BenchmarkMain.Row("ratis-3.3.0", 3, true, 1024, Durability.DISK_FSYNC, 256, x,
            null, 1.5, "leader changed");
        BenchmarkMain.Row back = BenchmarkMain.decode(BenchmarkMain.encode(row));
        assertEquals(row.system(), back.system());
        assertEquals(3, back.replicas());
        assertTrue(back.baseline());
        assertEquals(Durability.DISK_FSYNC, back.durability());
        assertNull(back.failure());
        assertEquals("leader changed", back.notes());
        assertEquals(1.5, back.loadAvg());
        assertEquals(x.stats(), back.result().stats());
        assertEquals(2, back.result().errors());
        assertEquals(5_000_000L, back.result().cpuNanos());
        assertEquals(50.0, back.result().cpuMicrosPerOp(), 1e-9);
        assertTrue(back.result().firstError().getMessage().contains("boom with tab"));

        BenchmarkMain.Row failed = new BenchmarkMain.Row("noop", 1, false, 16, Durability.MEMORY, 8, null,
            "did not start", -1, null);
        BenchmarkMain.Row failedBack = BenchmarkMain.decode(BenchmarkMain.encode(failed));
        assertNull(failedBack.result());
        assertEquals("did not start", failedBack.failure());
        assertNull(failedBack.notes());
    }
}
