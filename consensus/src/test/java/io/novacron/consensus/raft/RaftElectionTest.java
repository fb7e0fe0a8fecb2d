package io.novacron.consensus.raft;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Leader election: Raft §5.2, §5.4.1, dissertation §9.6 pre-vote and §6.2 check-quorum. */
class RaftElectionTest {

    static List<Entry> log(long... terms) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < terms.length; i++) {
            out.add(new Entry(terms[i], i + 1, EntryType.NORMAL, ("e" + (i + 1)).getBytes()));
        }
        return out;
    }

    static PersistentState disk(long term, long... entryTerms) {
        return new PersistentState(new HardState(term, RaftNode.NONE, 0), Snapshot.EMPTY, log(entryTerms));
    }

    @Test
    void raft52_followerThatHearsNoLeaderStartsElectionAndOneLeaderWins() {
        TestCluster c = TestCluster.of(3, 1);
        for (int t = 0; t < 100 && c.leader() == RaftNode.NONE; t++) {
            c.tickAll();
            c.deliverAll();
        }
        int leader = c.leader();
        assertNotEquals(RaftNode.NONE, leader, "a leader is elected within 100 ticks");
        long term = c.node(leader).status().term();
        for (int id : c.nodeIds()) {
            Status s = c.node(id).status();
            assertEquals(term, s.term(), "all nodes agree on the term");
            assertEquals(leader, s.leaderId(), "all nodes know the leader");
        }
    }

    @Test
    void raft52_singleVoterElectsItselfAndCommitsAlone() throws Exception {
        TestCluster c = TestCluster.of(1, 2);
        c.elect(1);
        long index = c.propose(1, "solo");
        assertEquals(index, c.node(1).status().commitIndex());
        assertEquals(List.of("solo"), c.commands(1));
    }

    @Test
    void raft52_electionTimeoutIsDrawnFromTheInjectedGeneratorInRange() {
        RaftConfig cfg = RaftConfig.defaults(1, Set.of(1, 2, 3));
        Set<Integer> seen = new java.util.TreeSet<>();
        for (long seed = 0; seed < 200; seed++) {
            RaftNode n = new RaftNode(cfg, PersistentState.empty(), new SplittableRandom(seed));
            int ticks = 0;
            while (n.status().role() == StateRole.FOLLOWER && ticks < 1000) {
                n.tick();
                ticks++;
            }
            assertTrue(ticks >= cfg.electionTimeoutTicks() && ticks < 2 * cfg.electionTimeoutTicks(), "ticks=" + ticks);
            seen.add(ticks);
            // Same seed, same timeout: no hidden global randomness.
            RaftNode again = new RaftNode(cfg, PersistentState.empty(), new SplittableRandom(seed));
            int ticksAgain = 0;
            while (again.status().role() == StateRole.FOLLOWER) {
                again.tick();
                ticksAgain++;
            }
            assertEquals(ticks, ticksAgain);
        }
        assertTrue(seen.size() > 5, "timeouts actually vary: " + seen);
    }

    @Test
    void raft541_candidateWithStaleLogCannotWin() {
        TestCluster c = TestCluster.of(3, 3, id -> RaftConfig.defaults(id, Set.of(1, 2, 3)).withElectionSafeguards(false, false));
        c.load(1, disk(2, 1, 2));
        c.load(2, disk(2, 1, 2));
        c.load(3, disk(2, 1));
        c.campaign(3);
        assertNotEquals(StateRole.LEADER, c.node(3).status().role(), "node 3's log lacks index 2 of term 2");
        c.campaign(1);
        assertEquals(StateRole.LEADER, c.node(1).status().role(), "an up-to-date log wins");
    }

    @Test
    void dissertation96_prevoteKeepsPartitionedNodeFromBumpingTerm() {
        TestCluster c = TestCluster.of(3, 4);
        c.elect(1);
        long term = c.node(1).status().term();
        c.isolate(3);
        for (int t = 0; t < 200; t++) {
            c.tickAll();
            c.deliverAll();
        }
        assertEquals(term, c.node(3).status().term(), "pre-vote fails in a minority partition, so the term stays");
        c.heal();
        for (int t = 0; t < 30; t++) {
            c.tickAll();
            c.deliverAll();
        }
        assertEquals(1, c.leader(), "the rejoining node does not depose the leader");
        assertEquals(term, c.node(1).status().term());
        assertEquals(c.node(1).status().commitIndex(), c.node(3).status().commitIndex(), "node 3 caught up");
    }

    @Test
    void dissertation96_withoutPrevoteTheRejoiningNodeDisruptsTheTerm() {
        TestCluster c = TestCluster.of(3, 5, id -> RaftConfig.defaults(id, Set.of(1, 2, 3)).withElectionSafeguards(false, true));
        c.elect(1);
        long term = c.node(1).status().term();
        c.isolate(3);
        for (int t = 0; t < 200; t++) {
            c.tickAll();
            c.deliverAll();
        }
        assertTrue(c.node(3).status().term() > term + 5, "without pre-vote the isolated node keeps bumping its term");
        c.heal();
        for (int t = 0; t < 60; t++) {
            c.tickAll();
            c.deliverAll();
        }
        assertTrue(c.node(c.leader()).status().term() > term, "the cluster had to move to a higher term");
    }

    @Test
    void dissertation62_checkQuorumLeaderCutOffFromQuorumStepsDown() {
        TestCluster c = TestCluster.of(3, 6);
        c.elect(1);
        c.isolate(1);
        for (int t = 0; t < 3 * 10; t++) {
            c.tickAll();
            c.deliverAll();
        }
        assertEquals(StateRole.FOLLOWER, c.node(1).status().role(), "an isolated leader steps down");
        assertNotEquals(RaftNode.NONE, c.leader(), "the majority side elects a new leader");
    }

    @Test
    void proposeOnFollowerNamesTheKnownLeader() {
        TestCluster c = TestCluster.of(3, 7);
        c.elect(2);
        NotLeaderException e = assertThrows(NotLeaderException.class, () -> c.node(1).propose("x".getBytes()));
        assertEquals(2, e.leaderId());
        assertTrue(e.getMessage().contains("known leader: 2"), e.getMessage());
    }
}
