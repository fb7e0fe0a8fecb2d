package io.novacron.consensus.raft;

/**
 * Thrown when a request only a leader can serve reaches another node.
 * It names the leader this node last heard of so the client can redirect instead of guessing.
 */
public final class NotLeaderException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int leaderId;

    public NotLeaderException(int nodeId, int leaderId) {
        super("node " + nodeId + " is not the leader; known leader: " + (leaderId == RaftNode.NONE ? "none" : leaderId));
        this.leaderId = leaderId;
    }

    /** The leader last heard of, or {@link RaftNode#NONE} if unknown (e.g. during an election). */
    public int leaderId() {
        return leaderId;
    }
}
