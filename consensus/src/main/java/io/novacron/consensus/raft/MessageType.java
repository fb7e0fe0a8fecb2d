package io.novacron.consensus.raft;

/**
 * The kinds of Raft message, named as in the Raft paper and Ongaro's dissertation.
 * Heartbeats are split from APPEND_ENTRIES (as etcd does) so that they never touch per-follower flow
 * control and can carry read-index contexts (dissertation §6.4).
 */
public enum MessageType {
    /** Dissertation §9.6: "would you vote for me at term+1?" without disturbing anyone's term. */
    PRE_VOTE,
    PRE_VOTE_RESPONSE,
    /** Raft §5.2 RequestVote. */
    REQUEST_VOTE,
    REQUEST_VOTE_RESPONSE,
    /** Raft §5.3 AppendEntries carrying at least one entry (or a probe). */
    APPEND_ENTRIES,
    APPEND_ENTRIES_RESPONSE,
    /** Raft §7 InstallSnapshot, sent whole (no chunking). */
    INSTALL_SNAPSHOT,
    INSTALL_SNAPSHOT_RESPONSE,
    /** Dissertation §3.10: the transfer target should start an election immediately. */
    TIMEOUT_NOW,
    /** An AppendEntries with no entries: leader liveness, commit propagation and read-index rounds. */
    HEARTBEAT,
    HEARTBEAT_RESPONSE,
    /** Dissertation §6.4: a follower forwards a linearizable read to the leader. */
    READ_INDEX,
    /** The leader's answer: the read index confirmed by a quorum, with the follower's request context. */
    READ_INDEX_RESPONSE
}
