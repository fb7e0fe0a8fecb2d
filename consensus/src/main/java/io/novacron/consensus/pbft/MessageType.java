package io.novacron.consensus.pbft;

/**
 * The PBFT message kinds, named as in Castro and Liskov's paper, plus FETCH_STATE / STATE for state transfer.
 * <p>
 * An enum rather than int constants (BFT-SMaRt's way) so a switch over it is checked and the wire byte is
 * derived in one place ({@link #ordinal()}, never reordered: append only).
 */
public enum MessageType {
    /** A client's signed operation (§4.1). */
    REQUEST,
    /** The primary's assignment of a batch to a sequence number in a view (§4.2). */
    PRE_PREPARE,
    /** A backup's agreement with a pre-prepare (§4.2). */
    PREPARE,
    /** A replica's statement that the batch is prepared; its signature is a quorum-certificate vote (§4.2). */
    COMMIT,
    /** A replica's result for a client request (§4.1). */
    REPLY,
    /** The digest of the state after executing a multiple of K (§4.3). */
    CHECKPOINT,
    /** A replica's vote to move to a new view, with its checkpoint and prepared proofs (§4.4). */
    VIEW_CHANGE,
    /** The new primary's proof of 2f+1 view changes and the pre-prepares it re-issues (§4.4). */
    NEW_VIEW,
    /** A lagging replica's request for the state at a stable checkpoint (§5.3 state transfer). */
    FETCH_STATE,
    /** The state at a checkpoint, checked by the receiver against the checkpoint certificate. */
    STATE
}
