package io.novacron.bench;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Commits every proposal at once, on the caller's thread. Measures the harness's own ceiling and overhead.
 */
public final class NoopSystem implements ConsensusSystem {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private final AtomicLong committed = new AtomicLong();
    private volatile boolean running;

    @Override
    public String name() {
        return "noop";
    }

    @Override
    public int replicas() {
        return 1;
    }

    @Override
    public void start(Workload workload, Path dataDir) {
        running = true;
    }

    @Override
    public CompletableFuture<?> submit(byte[] payload) {
        if (!running) {
            return CompletableFuture.failedFuture(new IllegalStateException("not started"));
        }
        committed.incrementAndGet();
        return DONE;
    }

    /** Proposals committed since start. */
    public long committed() {
        return committed.get();
    }

    @Override
    public void stop() {
        running = false;
    }
}
