package io.novacron.consensus.raft;

/**
 * The Raft state that must survive a crash besides the log (Raft Figure 2 "persistent state").
 * commitIndex is persisted too (as etcd does) so a restarted node re-applies only what it knows committed.
 *
 * @param term        the latest term this node has seen
 * @param votedFor    the candidate voted for in {@code term}, or {@link RaftNode#NONE}
 * @param commitIndex the highest index known committed
 */
public record HardState(long term, int votedFor, long commitIndex) {

    /** The state of a node that has never run. */
    public static final HardState EMPTY = new HardState(0, RaftNode.NONE, 0);

    public HardState {
        if (term < 0 || commitIndex < 0) {
            throw new IllegalArgumentException("hard state term and commitIndex must be >= 0, got " + term + "/" + commitIndex);
        }
    }
}
