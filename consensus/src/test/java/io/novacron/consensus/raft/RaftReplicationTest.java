package io.novacron.consensus.raft;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static io.novacron.consensus.raft.RaftElectionTest.disk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Log replication: Raft §5.3 log matching and repair, §5.4.2 Figure 8, batching and pipelining. */
class RaftReplicationTest {

    @Test
    void raft53_leaderReplicatesAndEveryNodeAppliesTheSameCommands() {
        TestCluster c = TestCluster.of(5, 10);
        c.elect(1);
        for (int i = 0; i < 20; i++) {
            c.propose(1, "cmd" + i);
        }
        c.deliverAll();
        c.tickAll(); // a heartbeat carries the final commit index to followers
        c.deliverAll();
        for (int id : c.nodeIds()) {
            assertEquals(c.commands(1), c.commands(id), "node " + id);
            assertEquals(20, c.commands(id).size());
        }
    }

    @Test
    void raft53_conflictingFollowerSuffixIsRepairedWithOneHintedRejection() {
        TestCluster c = TestCluster.of(3, 11, id -> RaftConfig.defaults(id, Set.of(1, 2, 3)).withElectionSafeguards(false, false));
        c.load(1, disk(3, 1, 1, 2, 3, 3));
        c.load(2, disk(3, 1, 1, 2, 3, 3));
        // Node 3 holds four uncommitted entries of an old term-2 leader that never reached anyone else.
        c.load(3, disk(3, 1, 1, 2, 2, 2, 2, 2));
        AtomicInteger rejectsFrom3 = new AtomicInteger();
        c.setFilter(m -> {
            if (m.from() == 3 && m.type() == MessageType.APPEND_ENTRIES_RESPONSE && m.reject()) {
                rejectsFrom3.incrementAndGet();
            }
            return true;
        });
        c.elect(1);
        c.tickAll();
        c.deliverAll();
        List<Long> leaderTerms = terms(c.storage(1).entries());
        assertEquals(leaderTerms, terms(c.storage(3).entries()), "persisted logs match after repair");
        assertEquals(List.of(1L, 1L, 2L, 3L, 3L, 4L), leaderTerms);
        assertEquals(1, rejectsFrom3.get(), "the conflict-term hint skips the whole term-2 run in one round trip");
    }

    private static List<Long> terms(List<Entry> entries) {
        List<Long> out = new ArrayList<>();
        entries.forEach(e -> out.add(e.term()));
        return out;
    }

    /**
     * Raft §5.4.2 Figure 8: S1 (term 4) gets its term-2 entry at index 2 onto a majority, yet must not commit it,
     * because S5 (last term 3) could still be elected by S3, S4 and itself and overwrite it.
     */
    @Test
    void raft542_figure8_entryFromOlderTermIsNotCommittedByCountingReplicas() {
        TestCluster c = TestCluster.of(5, 12, id -> RaftConfig.defaults(id, TestCluster.ids(5))
                .withElectionSafeguards(false, false).withFlowControl(1, 1 << 20, 4));
        c.load(1, disk(3, 1, 2));
        c.load(2, disk(3, 1, 2));
        c.load(3, disk(3, 1));
        c.load(4, disk(3, 1));
        c.load(5, disk(3, 1, 3));
        // Hold back the new leader's own-term no-op so only the old term-2 entry spreads. S3 and S4 may see the
        // first probe carrying it, which they reject (they lack index 2); every later copy is dropped.
        java.util.Set<Integer> probed = new java.util.HashSet<>();
        c.setFilter(m -> m.entries().stream().noneMatch(e -> e.term() == 4) || (m.to() >= 3 && probed.add(m.to())));
        c.cut(1, 5);
        c.elect(1);
        assertEquals(4, c.node(1).status().term());
        c.tickAll();
        c.deliverAll();
        assertEquals(2, c.node(1).status().matchIndexes().get(3), "index 2 reached S3: S1, S2, S3 (and S4) hold it");
        assertEquals(3, c.node(1).status().lastIndex(), "S1 has its term-4 no-op, nobody else does");
        assertEquals(0, c.node(1).status().commitIndex(), "but term 2 != current term 4, so it is not committed");

        // Why: S5 can still win (its last term 3 beats S3 and S4) and overwrite index 2.
        c.crash(1);
        c.crash(2);
        c.setFilter(m -> true);
        c.heal();
        c.elect(5);
        c.propose(5, "from-s5");
        c.deliverAll();
        assertEquals(3L, c.storage(3).entries().get(1).term(), "S3's index 2 was replaced by S5's term-3 entry");
    }

    @Test
    void raft542_entryFromOlderTermCommitsOnceCurrentTermEntryDoes() {
        TestCluster c = TestCluster.of(3, 13, id -> RaftConfig.defaults(id, Set.of(1, 2, 3)).withElectionSafeguards(false, false));
        c.load(1, disk(2, 1, 2));
        c.load(2, disk(2, 1));
        c.load(3, disk(2, 1));
        c.elect(1);
        assertEquals(3, c.node(1).status().commitIndex(), "the term-3 no-op commits and with it index 2");
    }

    @Test
    void batchingRespectsMaxEntriesAndMaxBytesPerMessage() {
        TestCluster c = TestCluster.of(3, 14, id -> RaftConfig.defaults(id, Set.of(1, 2, 3)).withFlowControl(3, 10, 256));
        List<RaftMessage> appendsTo2 = new ArrayList<>();
        c.setFilter(m -> {
            if (m.type() == MessageType.APPEND_ENTRIES && m.to() == 2) {
                appendsTo2.add(m);
            }
            return true;
        });
        c.elect(1);
        c.isolate(2);
        for (int i = 0; i < 10; i++) {
            c.propose(1, "c" + i); // 2 bytes each
        }
        c.deliverAll();
        c.heal();
        appendsTo2.clear();
        for (int t = 0; t < 5; t++) {
            c.tickAll();
            c.deliverAll();
        }
        assertEquals(c.commands(1), c.commands(2));
        int maxEntries = appendsTo2.stream().mapToInt(m -> m.entries().size()).max().orElse(0);
        assertEquals(3, maxEntries, "batches fill up to maxEntriesPerMessage=3 but never beyond");
        for (RaftMessage m : appendsTo2) {
            assertTrue(m.entries().stream().mapToInt(Entry::sizeBytes).sum() <= 10 || m.entries().size() == 1, m.toString());
        }
    }

    @Test
    void pipeliningKeepsAtMostMaxInflightAppendsPerFollower() {
        TestCluster c = TestCluster.of(3, 15, id -> RaftConfig.defaults(id, Set.of(1, 2, 3)).withFlowControl(1, 1 << 20, 2));
        c.elect(1);
        for (int i = 0; i < 10; i++) {
            c.propose(1, "p" + i);
        }
        long inflightTo2 = c.inFlight().stream().filter(m -> m.to() == 2 && m.type() == MessageType.APPEND_ENTRIES).count();
        assertEquals(2, inflightTo2, "REPLICATE state sends ahead optimistically but only up to the window");
        c.deliverAll();
        c.tickAll();
        c.deliverAll();
        assertEquals(10, c.commands(2).size());
    }
}
