package io.novacron.consensus.raft;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Ready ordering contract: what is promised in a message is durable first, so restarts lose nothing. */
class RaftPersistenceTest {

    @Test
    void voteGrantAndItsHardStateArriveInTheSameReady() {
        RaftNode n = new RaftNode(RaftConfig.defaults(1, Set.of(1, 2, 3)), PersistentState.empty(), new SplittableRandom(1));
        n.step(RaftMessage.builder(MessageType.REQUEST_VOTE, 2, 1, 1).build());
        Ready rd = n.ready();
        assertEquals(new HardState(1, 2, 0), rd.hardState().orElseThrow(), "votedFor must be persisted before the grant is sent");
        assertEquals(MessageType.REQUEST_VOTE_RESPONSE, rd.messages().get(0).type());
        n.advance(rd);
        assertTrue(n.ready().hardState().isEmpty(), "unchanged hard state is not repeated");
    }

    @Test
    void appendAcknowledgementAndItsEntriesArriveInTheSameReady() {
        RaftNode n = new RaftNode(RaftConfig.defaults(1, Set.of(1, 2, 3)), PersistentState.empty(), new SplittableRandom(1));
        Entry e = new Entry(1, 1, EntryType.NORMAL, "x".getBytes());
        n.step(RaftMessage.builder(MessageType.APPEND_ENTRIES, 2, 1, 1).entries(List.of(e)).build());
        Ready rd = n.ready();
        assertEquals(List.of(e), rd.entries());
        assertEquals(1, rd.messages().get(0).index(), "the ack names exactly the entries in this Ready");
        n.advance(rd);
        assertTrue(n.ready().entries().isEmpty());
    }

    @Test
    void restartOfEveryNodeFromPersistedStateLosesNoAcknowledgedEntry() {
        TestCluster c = TestCluster.of(3, 50);
        c.elect(1);
        for (int i = 0; i < 10; i++) {
            c.propose(1, "ack" + i);
        }
        c.deliverAll();
        List<String> acknowledged = c.commands(1);
        assertEquals(10, acknowledged.size());
        long term = c.node(1).status().term();
        for (int id = 1; id <= 3; id++) {
            c.crash(id);
        }
        for (int id = 1; id <= 3; id++) {
            c.restart(id);
            assertEquals(term, c.node(id).status().term(), "term survives");
        }
        c.elect(3);
        c.propose(3, "after-restart");
        c.deliverAll();
        c.tickAll();
        c.deliverAll();
        for (int id = 1; id <= 3; id++) {
            assertEquals(acknowledged, c.commands(id).subList(0, 10), "node " + id);
        }
    }

    @Test
    void aDriverThatSendsBeforePersistingLosesAcknowledgedEntriesAndTheCheckerSaysSo() {
        TestCluster c = TestCluster.of(3, 51);
        c.elect(1);
        c.skipPersistingEntries(2);
        c.skipPersistingEntries(3);
        c.propose(1, "acknowledged-but-not-durable");
        c.deliverAll();
        assertTrue(c.commands(1).contains("acknowledged-but-not-durable"), "leader applied it: a client was told OK");
        c.crash(1);
        c.crash(2);
        c.crash(3);
        c.restart(2);
        c.restart(3);
        assertThrows(TestCluster.SafetyViolation.class, () -> {
            c.elect(2);
            c.propose(2, "overwrites-it");
            c.deliverAll();
            c.restart(1);
            for (int t = 0; t < 5; t++) {
                c.tickAll();
                c.deliverAll();
            }
        });
    }
}
