package io.novacron.bench;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A replicated system under test, run in this JVM. The harness creates a fresh instance for each cell
 * (payload size x durability), calls {@link #start}, drives {@link #submit} in a closed loop from one thread,
 * then calls {@link #stop}.
 *
 * <p>Contract for {@link #submit}: the returned future completes when the proposal is <em>committed</em> — for
 * Raft, replicated to and persisted (per {@link Durability}) on a majority and applied at the leader; for PBFT,
 * committed by a 2f+1 quorum. It completes exceptionally if the proposal failed. Implementations must not block
 * the caller for the commit (the harness keeps up to {@link Workload#inFlight()} proposals outstanding) and must not
 * mutate or retain-and-mutate the payload array. Futures may be completed on any thread.
 */
public interface ConsensusSystem {

    /** Name shown in the table, e.g. {@code ratis-3.3.0}, {@code novacron-raft}. */
    String name();

    /** Number of replicas the system runs (3 for Raft-style systems, 4 for PBFT with f=1). */
    int replicas();

    /** True for the reference system that others are compared against (Ratis). */
    default boolean isBaseline() {
        return false;
    }

    /** Durabilities this system can run; cells with other durabilities are skipped for it. */
    default Set<Durability> supportedDurabilities() {
        return EnumSet.allOf(Durability.class);
    }

    /**
     * Starts all replicas and returns once the system accepts proposals (e.g. a leader is elected).
     *
     * @param workload the cell's workload (payload size, in-flight count, durability)
     * @param dataDir  an empty directory this instance owns for its logs; the harness deletes it after {@link #stop}
     */
    void start(Workload workload, Path dataDir) throws Exception;

    /** Proposes {@code payload}; the future completes when it is committed (see the class comment). */
    CompletableFuture<?> submit(byte[] payload);

    /**
     * Anything the reader of the results should know about the cell just measured (e.g. "leader changed: term
     * 1 -> 2"), or null. Called after the measurement, before {@link #stop}.
     */
    default String notes() {
        return null;
    }

    /** Stops all replicas and releases threads, ports and files. Called once, also after a failed start. */
    void stop() throws Exception;
}
