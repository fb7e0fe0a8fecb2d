package io.novacron.consensus.sim;

import io.novacron.consensus.raft.QuorumRule;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Raft under the deterministic simulator: many seeds, every crash-fault kind (drop, duplicate, reorder,
 * partition, crash and restart), the invariant checker after every step. Replay a failure with
 * {@code -Dnovacron.sim.seed=N}; run longer with {@code -Dnovacron.sim.soak=true}.
 */
class RaftSimulationTest {

    private static final int TICKS = Boolean.getBoolean("novacron.sim.soak") ? 40_000 : 6_000;

    @Test
    void threeReplicasStaySafeAndLiveUnderEveryCrashFault() {
        long steps = 0;
        for (long seed : SimulationSeeds.seeds(12, 200)) {
            SimulationResult result = new Simulation<>(RaftModel.correct(), 3,
                    FaultPlan.allCrashFaults(TICKS, 1), seed, 4).run();
            assertTrue(result.requestsCompleted() > 0, result::toString);
            steps += result.steps();
        }
        System.out.println("raft x3: " + steps + " simulated steps");
    }

    @Test
    void fiveReplicasSurviveTwoCrashesAtOnce() {
        for (long seed : SimulationSeeds.seeds(4, 50)) {
            SimulationResult result = new Simulation<>(RaftModel.correct(), 5,
                    FaultPlan.allCrashFaults(TICKS, 2), seed, 4).run();
            assertTrue(result.requestsCompleted() > 0, result::toString);
        }
    }

    @Test
    void aQuorumThatDoesNotIntersectIsCaughtByTheChecker() {
        // Two of five "decide": two disjoint quorums can commit different entries at one index.
        RaftModel broken = new RaftModel(voters -> voters / 2, 40);
        String caughtBy = null;
        for (long seed = 1; seed <= 60 && caughtBy == null; seed++) {
            try {
                new Simulation<>(broken, 5, new FaultPlan(50, 0, 8, 20, 300, 0, 0, 0, Set.of(), 4_000, 2_000),
                        seed, 4).run();
            } catch (InvariantViolation violation) {
                if (violation.getMessage().contains("agreement")) {
                    caughtBy = violation.getMessage();
                }
            }
        }
        System.out.println("broken quorum caught: " + caughtBy);
        assertTrue(caughtBy != null, "the checker must report an agreement violation for a non-intersecting quorum");
    }
}
