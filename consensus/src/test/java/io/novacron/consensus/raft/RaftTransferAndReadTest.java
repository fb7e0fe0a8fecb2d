package io.novacron.consensus.raft;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dissertation §3.10 leadership transfer and §6.4 read index. */
class RaftTransferAndReadTest {

    @Test
    void dissertation310_transferHandsLeadershipToAnUpToDateTarget() throws Exception {
        TestCluster c = TestCluster.of(3, 40);
        c.elect(1);
        long term = c.node(1).status().term();
        c.isolate(2);
        c.propose(1, "lagging-on-2");
        c.deliverAll();
        c.heal();
        c.node(1).transferLeadership(2);
        assertThrows(ProposalRejectedException.class, () -> c.node(1).propose("x".getBytes()),
                "proposals are refused while the transfer is in progress");
        c.deliverAll(); // leader catches 2 up, then sends TIMEOUT_NOW; 2 campaigns without pre-vote
        assertEquals(2, c.leader());
        assertEquals(term + 1, c.node(2).status().term());
        assertEquals(StateRole.FOLLOWER, c.node(1).status().role());
        c.propose(2, "on-new-leader");
        c.deliverAll();
        assertTrue(c.commands(2).contains("lagging-on-2"));
    }

    @Test
    void dissertation310_transferToUnreachableTargetIsAbortedAfterElectionTimeout() throws Exception {
        TestCluster c = TestCluster.of(3, 41);
        c.elect(1);
        c.isolate(3);
        c.node(1).transferLeadership(3);
        for (int t = 0; t < 10; t++) {
            c.tickAll();
            c.deliverAll();
        }
        assertEquals(RaftNode.NONE, c.node(1).status().leadTransferee());
        c.propose(1, "accepted-again");
    }

    @Test
    void dissertation64_readIndexIsReleasedAfterQuorumHeartbeat() throws Exception {
        TestCluster c = TestCluster.of(3, 42);
        c.elect(1);
        c.propose(1, "w");
        c.deliverAll();
        long commit = c.node(1).status().commitIndex();
        byte[] ctx = "read-1".getBytes(StandardCharsets.UTF_8);
        c.node(1).readIndex(ctx);
        c.drain(1);
        assertTrue(c.readStates(1).isEmpty(), "not before a quorum confirmed leadership");
        c.deliverAll();
        assertEquals(1, c.readStates(1).size());
        assertEquals(commit, c.readStates(1).get(0).index());
        assertArrayEquals(ctx, c.readStates(1).get(0).requestContext());
    }

    @Test
    void dissertation64_partitionedLeaderCannotServeReads() throws Exception {
        TestCluster c = TestCluster.of(3, 43);
        c.elect(1);
        c.isolate(1);
        c.node(1).readIndex("stale?".getBytes(StandardCharsets.UTF_8));
        c.deliverAll();
        assertTrue(c.readStates(1).isEmpty(), "no quorum answered, so no read state");
    }

    @Test
    void dissertation64_readWaitsForNoOpOfTheLeadersTerm() throws Exception {
        TestCluster c = TestCluster.of(3, 44);
        c.setFilter(m -> m.type() != MessageType.APPEND_ENTRIES_RESPONSE);
        c.elect(1);
        assertTrue(c.node(1).status().commitIndex() < c.node(1).status().lastIndex());
        c.node(1).readIndex("early".getBytes(StandardCharsets.UTF_8));
        c.tickAll();
        c.deliverAll();
        assertTrue(c.readStates(1).isEmpty(), "the no-op of this term is not committed yet");
        c.setFilter(m -> true);
        c.tickAll();
        c.deliverAll();
        c.tickAll();
        c.deliverAll();
        assertEquals(1, c.readStates(1).size());
        assertEquals(c.node(1).status().commitIndex(), c.readStates(1).get(0).index());
    }

    @Test
    void dissertation64_followerForwardsReadToLeaderAndGetsTheLeadersIndex() throws Exception {
        TestCluster c = TestCluster.of(3, 45);
        c.elect(3);
        c.propose(3, "w");
        c.deliverAll();
        c.requestRead(1, "follower-read");
        c.deliverAll();
        assertEquals(1, c.readStates(1).size(), "the ReadState appears on the follower that asked");
        assertEquals(c.node(3).status().commitIndex(), c.readStates(1).get(0).index());
    }

    @Test
    void readIndexWithNoKnownLeaderThrowsNotLeader() {
        TestCluster c = TestCluster.of(3, 46);
        NotLeaderException e = assertThrows(NotLeaderException.class, () -> c.node(1).readIndex(new byte[] {1}));
        assertEquals(RaftNode.NONE, e.leaderId());
    }
}
