package io.novacron.consensus.raft;

/**
 * The role a node currently plays; each role has its own step function inside {@link RaftNode}.
 * PRE_CANDIDATE exists because of pre-vote (dissertation §9.6).
 */
public enum StateRole {
    FOLLOWER,
    PRE_CANDIDATE,
    CANDIDATE,
    LEADER
}
