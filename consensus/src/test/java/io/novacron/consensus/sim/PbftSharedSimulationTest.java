package io.novacron.consensus.sim;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PBFT under the shared deterministic simulator (the same network, fault injection and invariant checker as
 * Raft): drops, duplicates, reordering and partitions, then one Byzantine replica (the primary of view 0, and
 * separately a backup) that corrupts signatures, equivocates, stays silent, replays and lies. No crashes: the core
 * cannot restart from persisted state yet. Replay a failure with {@code -Dnovacron.sim.seed=N}; run longer with
 * {@code -Dnovacron.sim.soak=true}.
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

    private static void run(String label, FaultPlan plan, long[] seeds) {
        long steps = 0;
        long commits = 0;
        long requests = 0;
        for (long seed : seeds) {
            PbftModel model = new PbftModel();
            SimulationResult result = new Simulation<>(model, 4, plan, seed, CLIENTS).run();
            assertTrue(result.requestsCompleted() > 0, result::toString);
            System.out.println(label + ": " + result + ", " + model.stateTransfers() + " state transfers"
                    + (model.tamperings.isEmpty() ? "" : ", tampering " + model.tamperings));
            steps += result.steps();
            commits += result.commits();
            requests += result.requestsCompleted();
        }
        System.out.println(label + ": " + seeds.length + " seeds, " + steps + " simulated steps, " + commits
                + " commits, " + requests + " requests completed");
    }
}
