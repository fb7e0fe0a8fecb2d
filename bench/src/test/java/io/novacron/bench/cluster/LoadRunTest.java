package io.novacron.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The driver against a writer that answers at once: a few hundred milliseconds of real time each, no server. The
 * assertions are on accounting, which does not depend on the machine's speed, not on rates, which do.
 */
class LoadRunTest {

    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    private static LoadOptions options(LoadOptions.Mode mode, double rate, int inFlight, Duration duration) {
        return new LoadOptions(List.of(URI.create("http://localhost:1")), LoadOptions.Target.ALL, "admin",
            new LoadOptions.PasswordSource.Env("P"), mode, rate, inFlight, Duration.ZERO, duration,
            Duration.ofSeconds(1), 1, "t", "test", 0, false);
    }

    @Test
    void closedLoopCountsCommitsAndErrorsByStatus() throws Exception {
        AtomicLong sent = new AtomicLong();
        // Every fourth write fails with a 503, as a cluster without quorum would answer.
        LoadRun run = new LoadRun(options(LoadOptions.Mode.CLOSED, 0, 8, Duration.ofMillis(300)), n -> {
            sent.incrementAndGet();
            return CompletableFuture.completedFuture(n % 4 == 3
                ? new HostWriter.Outcome(503, null, "{\"status\":503}")
                : new HostWriter.Outcome(201, null, null));
        }, NOWHERE);
        LoadSummary s = run.run("all", List.of("http://localhost:1"));
        long errors = s.errors().getOrDefault("503", 0L);
        assertTrue(s.committed() > 0, "committed");
        assertTrue(errors > 0, "errors");
        // Every write sent is committed or an error; only those still in flight at the window's end (at most 8)
        // may finish outside it and so be missing from the window's commits.
        long unaccounted = sent.get() - (s.committed() + errors);
        assertTrue(unaccounted >= 0 && unaccounted <= 8, () -> "unaccounted " + unaccounted);
        assertEquals("{\"status\":503}", s.firstErrors().get("503"));
        assertEquals(0, s.unfinished());
        assertTrue(s.p99Nanos() > 0);
    }

    @Test
    void openLoopSendsExactlyTheScheduleAndRecordsFromTheIntendedTime() throws Exception {
        AtomicLong sent = new AtomicLong();
        LoadRun run = new LoadRun(options(LoadOptions.Mode.OPEN, 1000, 16, Duration.ofMillis(300)), n -> {
            sent.incrementAndGet();
            return CompletableFuture.completedFuture(new HostWriter.Outcome(201, null, null));
        }, NOWHERE);
        LoadSummary s = run.run("all", List.of("http://localhost:1"));
        // 300 ms at 1,000/s is 300 writes due: each one sent, or reported not sent if the issuer fell far behind.
        assertEquals(300, sent.get() + s.notSent());
        assertEquals(0, s.errorTotal());
        assertEquals(1000.0, s.ratePerSec());
    }

    @Test
    void transportFailuresAreGroupedByKind() throws Exception {
        LoadRun run = new LoadRun(options(LoadOptions.Mode.OPEN, 200, 4, Duration.ofMillis(100)),
            n -> CompletableFuture.failedFuture(new java.net.SocketTimeoutException("5,000 MILLISECONDS")),
            NOWHERE);
        LoadSummary s = run.run("all", List.of("http://localhost:1"));
        // 100 ms at 200/s: 20 writes due; each failed, or was not sent if the issuer fell far behind.
        assertEquals(20L, s.errors().getOrDefault("timeout", 0L) + s.notSent());
        assertEquals(0, s.committed());
    }
}
