package io.novacron.consensus.sim;

import io.novacron.consensus.raft.QuorumRule;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Raft under the deterministic simulator: many seeds, every crash-fault kind (drop, duplicate, reorder,
 * partition, crash and restart), the invariant checker after every step, and the clients' key-value history
 * checked for linearizability at the end of each seed, with gets served by read index (§6.4). Replay a failure
 * with {@code -Dnovacron.sim.seed=N}; run longer with {@code -Dnovacron.sim.soak=true}.
 */
class RaftSimulationTest {

    private static final int TICKS = Boolean.getBoolean("novacron.sim.soak") ? 40_000 : 6_000;

    @Test
    void threeReplicasStaySafeAndLiveUnderEveryCrashFault() {
        runCorrect("raft x3", 3, 1, SimulationSeeds.seeds(12, 200));
    }

    @Test
    void fiveReplicasSurviveTwoCrashesAtOnce() {
        runCorrect("raft x5", 5, 2, SimulationSeeds.seeds(4, 50));
    }

    private static void runCorrect(String label, int replicas, int crashedMax, long[] seeds) {
        long steps = 0;
        long operations = 0;
        long reads = 0;
        for (long seed : seeds) {
            RaftModel model = RaftModel.correct();
            SimulationResult result = new Simulation<>(model, replicas,
                    FaultPlan.allCrashFaults(TICKS, crashedMax), seed, 4).run();
            assertTrue(result.requestsCompleted() > 0, result::toString);
            assertTrue(model.readsServed > 0, "no get was served by read index: " + result);
            steps += result.steps();
            operations += result.operationsChecked();
            reads += model.readsServed;
        }
        System.out.println(label + ": " + seeds.length + " seeds, " + steps + " simulated steps, " + operations
                + " key-value operations checked linearizable, " + reads + " gets served by read index");
    }

    @Test
    void readsThroughTheLogAreLinearizableToo() {
        for (long seed : SimulationSeeds.seeds(2, 20)) {
            SimulationResult result = new Simulation<>(new RaftModel(QuorumRule.majority(), 40, RaftModel.ReadMode.LOG),
                    3, FaultPlan.allCrashFaults(TICKS / 2, 1), seed, 4).run();
            assertTrue(result.operationsChecked() > 0, result::toString);
        }
    }

    @Test
    void readsFromLocalStateWithoutReadIndexAreCaughtByTheLinearizabilityCheck() {
        // Any replica answers a get from its own state machine at once: a follower (or a deposed leader) that has
        // not applied the latest writes returns a stale value after a write completed elsewhere.
        RaftModel broken = new RaftModel(QuorumRule.majority(), 40, RaftModel.ReadMode.LOCAL_UNSAFE);
        String caughtBy = null;
        int seedsTried = 0;
        for (long seed = 1; seed <= 20 && caughtBy == null; seed++) {
            seedsTried++;
            try {
                new Simulation<>(broken, 3, FaultPlan.allCrashFaults(3_000, 1), seed, 4).run();
            } catch (InvariantViolation violation) {
                if (violation.getMessage().contains("linearizability")) {
                    caughtBy = violation.getMessage();
                }
            }
        }
        System.out.println("stale local reads caught after " + seedsTried + " seed(s): " + caughtBy);
        assertTrue(caughtBy != null, "the linearizability check must catch reads served without read index");
        assertTrue(caughtBy.contains("-Dnovacron.sim.seed="), caughtBy);
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
