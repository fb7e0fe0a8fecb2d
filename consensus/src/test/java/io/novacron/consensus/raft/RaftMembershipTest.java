package io.novacron.consensus.raft;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dissertation §4.1 single-server membership changes, plus learners. */
class RaftMembershipTest {

    private static void settle(TestCluster c, int ticks) {
        for (int t = 0; t < ticks; t++) {
            c.tickAll();
            c.deliverAll();
        }
    }

    @Test
    void dissertation41_addVoterTakesEffectWhenAppendedAndNewNodeCatchesUp() throws Exception {
        TestCluster c = TestCluster.of(3, 30);
        c.elect(1);
        c.propose(1, "before");
        c.deliverAll();
        c.add(RaftConfig.defaults(4, Set.of(1, 2, 3)).withLearners(Set.of(4)));
        c.isolate(2);
        c.isolate(3);
        c.node(1).proposeConfChange(new ConfChange(ConfChange.Type.ADD_VOTER, 4));
        assertEquals(Set.of(1, 2, 3, 4), c.node(1).status().conf().voters(), "in effect on append, before commit");
        c.deliverAll();
        c.tickAll();
        c.deliverAll();
        assertTrue(c.node(1).status().commitIndex() < c.node(1).status().lastIndex(),
                "with 4 voters, leader + new node (2 of 4) are not a quorum");
        c.heal();
        settle(c, 3);
        c.propose(1, "after");
        settle(c, 3);
        for (int id = 1; id <= 4; id++) {
            assertEquals(Set.of(1, 2, 3, 4), c.node(id).status().conf().voters(), "node " + id);
            assertEquals(java.util.List.of("before", "after"), c.commands(id), "node " + id);
        }
    }

    @Test
    void dissertation41_onlyOneChangeAtATime() throws Exception {
        TestCluster c = TestCluster.of(3, 31);
        c.elect(1);
        c.isolate(2);
        c.isolate(3);
        c.node(1).proposeConfChange(new ConfChange(ConfChange.Type.ADD_LEARNER, 4));
        ProposalRejectedException e = assertThrows(ProposalRejectedException.class,
                () -> c.node(1).proposeConfChange(new ConfChange(ConfChange.Type.ADD_LEARNER, 5)));
        assertTrue(e.getMessage().contains("not yet committed"), e.getMessage());
    }

    @Test
    void dissertation41_removeFollowerShrinksQuorum() throws Exception {
        TestCluster c = TestCluster.of(3, 32);
        c.elect(1);
        c.node(1).proposeConfChange(new ConfChange(ConfChange.Type.REMOVE_NODE, 3));
        c.deliverAll();
        c.crash(3);
        c.isolate(2);
        long index = c.propose(1, "still-needs-2");
        settle(c, 2);
        assertTrue(c.node(1).status().commitIndex() < index, "2 voters: quorum is both");
        c.heal();
        settle(c, 2);
        assertTrue(c.node(1).status().commitIndex() >= index);
        assertEquals(Set.of(1, 2), c.node(2).status().conf().voters());
    }

    @Test
    void dissertation42_removedLeaderStepsDownAfterCommitAndStaysQuiet() throws Exception {
        TestCluster c = TestCluster.of(3, 33);
        c.elect(1);
        c.node(1).proposeConfChange(new ConfChange(ConfChange.Type.REMOVE_NODE, 1));
        c.deliverAll();
        assertEquals(StateRole.FOLLOWER, c.node(1).status().role(), "removed leader steps down once committed");
        settle(c, 60);
        int leader = c.leader();
        assertNotEquals(RaftNode.NONE, leader);
        assertNotEquals(1, leader);
        assertEquals(Set.of(2, 3), c.node(leader).status().conf().voters());
        assertEquals(StateRole.FOLLOWER, c.node(1).status().role(), "a non-member never campaigns");
        c.propose(leader, "without-1");
        settle(c, 2);
        assertEquals(c.commands(2), c.commands(3));
    }

    @Test
    void learnerReplicatesButDoesNotCountOrVote() throws Exception {
        TestCluster c = TestCluster.of(2, 34);
        c.add(RaftConfig.defaults(3, Set.of(1, 2)).withLearners(Set.of(3)));
        c.elect(1);
        c.node(1).proposeConfChange(new ConfChange(ConfChange.Type.ADD_LEARNER, 3));
        settle(c, 2);
        c.isolate(2);
        long index = c.propose(1, "needs-voter-2");
        settle(c, 2);
        assertTrue(c.node(1).status().commitIndex() < index, "the learner's ack does not count");
        assertEquals(index, c.node(3).status().lastIndex(), "but it does receive the entry");
        settle(c, 100);
        assertEquals(StateRole.FOLLOWER, c.node(3).status().role(), "a learner never campaigns");
    }

    @Test
    void learnerIsPromotedToVoterByAddVoter() throws Exception {
        TestCluster c = TestCluster.of(2, 35);
        c.add(RaftConfig.defaults(3, Set.of(1, 2)).withLearners(Set.of(3)));
        c.elect(1);
        c.node(1).proposeConfChange(new ConfChange(ConfChange.Type.ADD_LEARNER, 3));
        settle(c, 2);
        c.node(1).proposeConfChange(new ConfChange(ConfChange.Type.ADD_VOTER, 3));
        settle(c, 2);
        assertEquals(Set.of(1, 2, 3), c.node(3).status().conf().voters());
        c.isolate(2);
        long index = c.propose(1, "voter-3-counts");
        settle(c, 2);
        assertTrue(c.node(1).status().commitIndex() >= index, "leader + promoted node 3 are 2 of 3");
    }

    @Test
    void ongaroFix_newLeaderMustCommitItsTermBeforeAMembershipChange() throws Exception {
        TestCluster c = TestCluster.of(3, 36);
        c.setFilter(m -> m.type() != MessageType.APPEND_ENTRIES_RESPONSE);
        c.elect(1);
        ProposalRejectedException e = assertThrows(ProposalRejectedException.class,
                () -> c.node(1).proposeConfChange(new ConfChange(ConfChange.Type.ADD_LEARNER, 4)));
        assertTrue(e.getMessage().contains("has not committed an entry of term"), e.getMessage());
    }

    @Test
    void checkQuorumLease_followersIgnoreDisruptiveVoteFromNodeThatMissedItsRemoval() {
        TestCluster c = TestCluster.of(3, 37);
        c.elect(1);
        long term = c.node(1).status().term();
        // A node outside the configuration campaigns at a higher term, without pre-vote.
        c.node(2).step(RaftMessage.builder(MessageType.REQUEST_VOTE, 9, 2, term + 5)
                .logTerm(term).index(c.node(2).status().lastIndex() + 10).build());
        c.deliverAll();
        assertEquals(term, c.node(2).status().term(), "in lease: the higher-term campaign is ignored (§4.2.3)");
        assertEquals(1, c.leader());
    }
}
