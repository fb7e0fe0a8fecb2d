package io.novacron.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NovaCron cores run under the harness end to end (real Ed25519 keys, the durable log on disk), a few thousand
 * operations each: what the published figures rest on must at least commit every proposal, without errors.
 */
class NovaCoreSystemsSmokeTest {

    @TempDir
    Path tmp;

    private static ClosedLoopDriver.Result run(ConsensusSystem system, Workload workload, Path dir) throws Exception {
        system.start(workload, dir);
        try {
            return new ClosedLoopDriver(system, workload).run();
        } finally {
            system.stop();
        }
    }

    private static Workload onDisk(int payload) {
        return new Workload(payload, 64, Limit.ofOps(500), Limit.ofOps(2_000), Durability.DISK_FSYNC);
    }

    @Test
    void pbftCommitsEveryProposalWithSignaturesAndFsync() throws Exception {
        NovaPbftSystem pbft = new NovaPbftSystem();
        ClosedLoopDriver.Result result = run(pbft, onDisk(1024), tmp);
        assertTrue(result.drained(), "every outstanding proposal completed");
        assertEquals(0, result.errors());
        assertNull(result.firstError());
        assertEquals(2_000, result.stats().count());
        assertTrue(pbft.notes() == null || !pbft.notes().contains("invalid"), pbft.notes());
    }

    @Test
    void raftCommitsEveryProposalWithFsync() throws Exception {
        ClosedLoopDriver.Result result = run(new NovaRaftSystem(), onDisk(16), tmp);
        assertTrue(result.drained());
        assertEquals(0, result.errors(), () -> String.valueOf(result.firstError()));
        assertEquals(2_000, result.stats().count());
    }
}
