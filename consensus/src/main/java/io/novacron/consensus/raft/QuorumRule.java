package io.novacron.consensus.raft;

/**
 * How many voters form a quorum; injectable so tests can plant a broken rule and watch the checker catch it.
 * Everything in Raft's safety argument rests on any two quorums intersecting, which majority guarantees.
 */
@FunctionalInterface
public interface QuorumRule {

    /** The number of voters (including the leader itself when it votes) needed to decide. */
    int quorumSize(int voterCount);

    /** The paper's rule: a strict majority, so any two quorums share a node. */
    static QuorumRule majority() {
        return voterCount -> voterCount / 2 + 1;
    }
}
