package io.novacron.consensus.sim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator itself: runs are reproducible from the seed, and the checker catches a broken protocol. */
class SimulatorSelfTest {

    private static SimulationResult run(boolean broken, FaultPlan faults, long seed) {
        return new Simulation<>(new SequencerModel(broken), 3, faults, seed, 3).run();
    }

    @Test
    void aSafeProtocolPassesUnderDropsDuplicatesDelaysAndPartitions() {
        for (long seed : SimulationSeeds.seeds(5, 50)) {
            FaultPlan faults = new FaultPlan(100, 50, 10, 5, 100, 0, 0, 0, java.util.Set.of(), 3_000, 2_000);
            SimulationResult result = run(false, faults, seed);
            assertTrue(result.requestsCompleted() > 10, result::toString);
        }
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        FaultPlan faults = FaultPlan.allCrashFaults(2_000, 1);
        assertEquals(run(false, faults, 42).toString(), run(false, faults, 42).toString());
    }

    @Test
    void theCheckerCatchesABrokenProtocolAndNamesTheSeed() {
        InvariantViolation violation = assertThrows(InvariantViolation.class,
                () -> run(true, FaultPlan.calm(2_000), 7));
        assertTrue(violation.getMessage().contains("agreement"), violation.getMessage());
        assertTrue(violation.getMessage().contains("-Dnovacron.sim.seed=7"), violation.getMessage());
    }
}
