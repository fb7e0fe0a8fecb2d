package io.novacron.consensus.sim;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PBFT under the shared deterministic simulator (the same network, fault injection and invariant checker as
 * Raft): drops, duplicates, reordering and partitions, then one Byzantine replica (the primary of view 0, and
 * separately a backup) that corrupts signatures, equivocates, stays silent, is slow, floods, replays and lies; then
 * crashes, where a replica loses everything but its journal and restarts from it. A crashed correct replica and a Byzantine one
 * together are two faulty replicas for liveness during the faults, more than f = 1 of four, so crashes combined
 * with a Byzantine replica run with seven replicas (f = 2). Replay a failure with {@code -Dnovacron.sim.seed=N};
 * run longer with {@code -Dnovacron.sim.soak=true}.
 */
class PbftSharedSimulationTest {

    private static final boolean SOAK = Boolean.getBoolean("novacron.sim.soak");
    private static final int FAULT_TICKS = SOAK ? 20_000 : 2_500;
    private static final int LIVENESS_TICKS = 5_000;
    private static final int CLIENTS = 4;

    /** Every crash-fault kind except crashes: drops, duplicates, reordering (random delay) and partitions. */
    private static FaultPlan networkFaults() {
        return new FaultPlan(50, 30, 8, 4, 200, 0, 0, 0, Set.of(), FAULT_TICKS, LIVENESS_TICKS);
    }

    /** Network faults plus crash-restarts of one replica at a time (6 per mille per tick, down up to 200 ticks). */
    private static FaultPlan networkFaultsAndCrashes() {
        return new FaultPlan(50, 30, 8, 4, 200, 6, 200, 1, Set.of(), FAULT_TICKS, LIVENESS_TICKS);
    }

    @Test
    void fourReplicasStaySafeAndLiveUnderNetworkFaults() {
        run("pbft x4 network faults", networkFaults(), SimulationSeeds.seeds(6, 100));
    }

    @Test
    void fourReplicasToleratePrimaryZeroByzantine() {
        run("pbft x4 Byzantine primary 0", networkFaults().withByzantine(Set.of(0)), SimulationSeeds.seeds(4, 60));
    }

    @Test
    void fourReplicasTolerateAByzantineBackup() {
        run("pbft x4 Byzantine backup 2", networkFaults().withByzantine(Set.of(2)), SimulationSeeds.seeds(4, 60));
    }

    @Test
    void fourReplicasRestartFromTheirJournalsAfterCrashes() {
        long[] seeds = SimulationSeeds.seeds(6, 140);
        long restarts = run("pbft x4 crash-restart", 4, networkFaultsAndCrashes(), seeds);
        assertTrue(seeds.length == 1 || restarts > 0, "the plan must actually crash replicas");
    }

    @Test
    void sevenReplicasTolerateAByzantinePrimaryAndCrashRestarts() {
        long[] seeds = SimulationSeeds.seeds(3, 60);
        long restarts = run("pbft x7 Byzantine primary 0 + crash-restart", 7,
                networkFaultsAndCrashes().withByzantine(Set.of(0)), seeds);
        assertTrue(seeds.length == 1 || restarts > 0, "the plan must actually crash replicas");
    }

    private static void run(String label, FaultPlan plan, long[] seeds) {
        run(label, 4, plan, seeds);
    }

    /** Runs every seed and returns the number of replica restarts. */
    private static long run(String label, int replicaCount, FaultPlan plan, long[] seeds) {
        long steps = 0;
        long commits = 0;
        long requests = 0;
        long restarts = 0;
        for (long seed : seeds) {
            PbftModel model = new PbftModel();
            SimulationResult result = new Simulation<>(model, replicaCount, plan, seed, CLIENTS).run();
            assertTrue(result.requestsCompleted() > 0, result::toString);
            assertEquals(result.crashes(), model.restarts(), "every crashed replica restarted from its journal");
            System.out.println(label + ": " + result + ", " + model.stateTransfers() + " state transfers"
                    + (model.restarts() == 0 ? "" : ", " + model.restarts() + " restarts from the journal")
                    + (model.tamperings.isEmpty() ? "" : ", tampering " + model.tamperings));
            steps += result.steps();
            commits += result.commits();
            requests += result.requestsCompleted();
            restarts += model.restarts();
        }
        System.out.println(label + ": " + seeds.length + " seeds, " + steps + " simulated steps, " + commits
                + " commits, " + requests + " requests completed" + (restarts == 0 ? "" : ", " + restarts
                + " restarts"));
        return restarts;
    }
}
