package io.novacron.consensus.raft;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Raft §7: log compaction and InstallSnapshot for a follower behind the compacted prefix. */
class RaftSnapshotTest {

    @Test
    void raft7_laggardBehindCompactedPrefixIsCaughtUpBySnapshot() {
        TestCluster c = TestCluster.of(3, 20);
        AtomicInteger snapshotsSent = new AtomicInteger();
        c.setFilter(m -> {
            if (m.type() == MessageType.INSTALL_SNAPSHOT) {
                snapshotsSent.incrementAndGet();
            }
            return true;
        });
        c.elect(1);
        c.isolate(3);
        for (int i = 0; i < 30; i++) {
            c.propose(1, "s" + i);
        }
        c.deliverAll();
        Snapshot s = c.snapshotAndCompact(1);
        assertTrue(s.index() >= 30);
        assertEquals(s.index(), c.node(1).status().snapshotIndex());
        assertEquals(3, s.conf().voters().size(), "the snapshot carries the membership");
        c.heal();
        c.propose(1, "after");
        for (int t = 0; t < 5; t++) {
            c.tickAll();
            c.deliverAll();
        }
        assertEquals(1, snapshotsSent.get(), "exactly one InstallSnapshot");
        assertEquals(c.commands(1), c.commands(3));
        assertEquals(s.index(), c.node(3).status().snapshotIndex(), "the laggard persisted the snapshot");
        assertEquals(c.node(1).status().commitIndex(), c.node(3).status().commitIndex());
    }

    @Test
    void raft7_restartFromSnapshotPlusTailRebuildsTheSameState() {
        TestCluster c = TestCluster.of(3, 21);
        c.elect(1);
        for (int i = 0; i < 10; i++) {
            c.propose(1, "r" + i);
        }
        c.deliverAll();
        c.tickAll();
        c.deliverAll();
        c.snapshotAndCompact(2);
        c.propose(1, "tail");
        c.deliverAll();
        c.tickAll();
        c.deliverAll();
        var before = c.commands(2);
        c.crash(2);
        c.restart(2);
        assertEquals(before, c.commands(2), "snapshot + re-applied committed tail == state before the crash");
    }

    @Test
    void compactBeyondAppliedIsRefused() {
        TestCluster c = TestCluster.of(1, 22);
        c.elect(1);
        assertThrows(IllegalArgumentException.class, () -> c.node(1).compact(99, new byte[0]));
    }

    @Test
    void raft7_lostInstallSnapshotIsRetriedAfterAnElectionTimeout() {
        TestCluster c = TestCluster.of(3, 23);
        AtomicInteger sent = new AtomicInteger();
        c.setFilter(m -> m.type() != MessageType.INSTALL_SNAPSHOT || sent.incrementAndGet() > 1);
        c.elect(1);
        c.isolate(3);
        for (int i = 0; i < 5; i++) {
            c.propose(1, "q" + i);
        }
        c.deliverAll();
        c.snapshotAndCompact(1);
        c.heal();
        for (int t = 0; t < 30; t++) {
            c.tickAll();
            c.deliverAll();
        }
        assertEquals(2, sent.get(), "first snapshot dropped, one retry delivered");
        assertEquals(c.commands(1), c.commands(3));
    }
}
