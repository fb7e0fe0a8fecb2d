package io.novacron.consensus.raft;

/**
 * Thrown when the leader refuses a proposal it could otherwise accept, for a reason that will pass.
 * Examples: a membership change is still uncommitted (dissertation §4.1 allows one at a time), or a
 * leadership transfer is in progress (§3.10 stops accepting requests so the target can catch up).
 */
public final class ProposalRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProposalRejectedException(String reason) {
        super(reason);
    }
}
