package io.novacron.consensus.raft;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A foretaste of the deterministic simulator: seeded random drops, reordering, partitions, crashes and
 * compactions in the little harness, with the State Machine Safety and Election Safety checker run after every
 * step. Replay one seed with {@code -Draft.seed=N}.
 */
class RaftRandomizedTest {
    private static final int NODES = 5;
    private static final int TICKS = 400;

    @Test
    void noTwoNodesEverApplyDifferentCommandsAtTheSameIndex() {
        String fixed = System.getProperty("raft.seed");
        List<Long> seeds = new ArrayList<>();
        if (fixed != null) {
            seeds.add(Long.parseLong(fixed));
        } else {
            for (long s = 1; s <= 25; s++) {
                seeds.add(s);
            }
        }
        for (long seed : seeds) {
            try {
                TestCluster c = run(seed, QuorumRule.majority());
                converge(c);
            } catch (Throwable t) {
                throw new AssertionError("randomized run failed; reproduce with -Draft.seed=" + seed + ": " + t, t);
            }
        }
    }

    @Test
    void membershipChurnUnderFaultsKeepsSafety() {
        for (long seed = 1; seed <= 10; seed++) {
            try {
                TestCluster c = run(seed, QuorumRule.majority(), 1000, 0.2, true);
                converge(c);
            } catch (Throwable t) {
                throw new AssertionError("churn run failed; reproduce with seed=" + seed + ": " + t, t);
            }
        }
    }

    /** The checker must have teeth: a quorum of one lets two sides commit different things. */
    @Test
    void brokenQuorumRuleIsCaughtByTheChecker() {
        int caught = 0;
        List<String> how = new ArrayList<>();
        for (long seed = 1; seed <= 10; seed++) {
            try {
                run(seed, voters -> 1);
            } catch (TestCluster.SafetyViolation v) {
                caught++;
                how.add("seed " + seed + ": " + v.getMessage());
            } catch (IllegalStateException invariant) {
                // The core's own fail-fast invariants (e.g. overwriting a committed entry) count as caught too.
                caught++;
                how.add("seed " + seed + ": " + invariant.getMessage());
            }
        }
        assertTrue(caught >= 8, "violations caught in only " + caught + "/10 seeds: " + how);
    }

    static TestCluster run(long seed, QuorumRule rule) {
        return run(seed, rule, TICKS, 0.1, false);
    }

    /** One seeded run; everything random derives from {@code seed}. */
    static TestCluster run(long seed, QuorumRule rule, int ticks, double dropRate, boolean membershipChurn) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        TestCluster c = new TestCluster(seed, rule);
        for (int id = 1; id <= NODES; id++) {
            c.add(RaftConfig.defaults(id, TestCluster.ids(NODES)).withFlowControl(4, 1 << 20, 4));
        }
        c.setDropRate(dropRate);
        c.setReorder(true);
        c.setDuplicateRate(0.05);
        Map<Integer, Integer> downUntil = new HashMap<>();
        int proposals = 0;
        for (int tick = 0; tick < ticks; tick++) {
            final int now = tick;
            downUntil.entrySet().removeIf(e -> {
                if (e.getValue() <= now) {
                    c.restart(e.getKey());
                    return true;
                }
                return false;
            });
            c.tickAll();
            if (tick % 40 == 0) {
                repartition(c, r);
            }
            if (r.nextDouble() < 0.01 && downUntil.size() < 2) {
                int victim = 1 + r.nextInt(NODES);
                if (!downUntil.containsKey(victim)) {
                    c.crash(victim);
                    downUntil.put(victim, tick + 5 + r.nextInt(30));
                }
            }
            int leader = c.leader();
            if (leader != RaftNode.NONE && r.nextDouble() < 0.5) {
                try {
                    c.node(leader).propose(("s" + seed + "-" + proposals++).getBytes());
                } catch (NotLeaderException | ProposalRejectedException ignored) {
                    // a transfer may be in progress; the client would retry
                }
                c.drain(leader);
            }
            if (r.nextDouble() < 0.05) {
                compactSomeone(c, r);
            }
            if (membershipChurn && leader != RaftNode.NONE && c.node(leader) != null && r.nextDouble() < 0.02) {
                churn(c, leader, r);
            }
            if (leader != RaftNode.NONE && c.node(leader) != null) {
                clientExtras(c, leader, r, "r" + seed + "-" + tick);
            }
            c.deliverAll();
        }
        downUntil.keySet().forEach(c::restart);
        return c;
    }

    /** Occasional linearizable reads (checked by the harness) and leadership transfers. */
    private static void clientExtras(TestCluster c, int leader, SplittableRandom r, String readContext) {
        try {
            int reader = 1 + r.nextInt(NODES);
            if (r.nextDouble() < 0.05 && c.node(reader) != null) {
                c.requestRead(reader, readContext); // followers forward to the leader
            }
            int target = 1 + r.nextInt(NODES);
            if (r.nextDouble() < 0.01 && c.node(leader).status().conf().voters().contains(target)) {
                c.node(leader).transferLeadership(target);
            }
        } catch (NotLeaderException | ProposalRejectedException ignored) {
            // leadership moved meanwhile; a client would retry
        }
        c.drain(leader);
    }

    /** Removes a random voter when all five vote, otherwise adds a missing one back (dissertation §4.1). */
    private static void churn(TestCluster c, int leader, SplittableRandom r) {
        ConfState conf = c.node(leader).status().conf();
        int node = 1 + r.nextInt(NODES);
        boolean remove = conf.voters().contains(node);
        if (remove && conf.voters().size() < NODES) {
            return; // keep at least four voters so a single crash cannot stall the run
        }
        ConfChange change = new ConfChange(remove ? ConfChange.Type.REMOVE_NODE : ConfChange.Type.ADD_VOTER, node);
        try {
            c.node(leader).proposeConfChange(change);
        } catch (NotLeaderException | ProposalRejectedException ignored) {
            // one change at a time; the next attempt will come
        }
        c.drain(leader);
    }

    private static void repartition(TestCluster c, SplittableRandom r) {
        c.heal();
        switch (r.nextInt(4)) {
            case 0 -> c.isolate(1 + r.nextInt(NODES));
            case 2 -> {
                // a minority/majority split: {a, b} against the rest
                int a = 1 + r.nextInt(NODES);
                int b = 1 + r.nextInt(NODES);
                for (int other = 1; other <= NODES; other++) {
                    if (other != a && other != b) {
                        c.cut(a, other);
                        c.cut(b, other);
                    }
                }
            }
            case 1 -> {
                for (int k = 0; k < 3; k++) {
                    int a = 1 + r.nextInt(NODES);
                    int b = 1 + r.nextInt(NODES);
                    if (a != b) {
                        c.cut(a, b);
                    }
                }
            }
            default -> {
                // a fully connected spell
            }
        }
    }

    private static void compactSomeone(TestCluster c, SplittableRandom r) {
        int id = 1 + r.nextInt(NODES);
        RaftNode n = c.node(id);
        if (n != null && n.status().appliedIndex() > n.status().snapshotIndex() + 5) {
            c.snapshotAndCompact(id);
        }
    }

    /** Liveness at the end: once the network is healed and reliable, everyone converges on the same state. */
    static void converge(TestCluster c) {
        c.heal();
        c.setDropRate(0);
        for (int t = 0; t < 100; t++) {
            c.tickAll();
            c.deliverAll();
        }
        int leader = c.leader();
        assertTrue(leader != RaftNode.NONE, "a leader after healing: " + c.statuses());
        assertTrue(c.applied(leader).size() > 50, "the run made progress despite faults: " + c.statuses());
        c.propose(leader, "final");
        for (int t = 0; t < 5; t++) {
            c.tickAll();
            c.deliverAll();
        }
        for (int id : c.nodeIds()) {
            if (c.node(leader).status().conf().contains(id)) {
                assertEquals(c.applied(leader).size(), c.applied(id).size(), "node " + id + " converged: " + c.statuses());
            }
        }
    }
}
