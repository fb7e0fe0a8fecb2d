package io.novacron.replication;

/**
 * A proposal was not seen committed within the deadline although a quorum seemed reachable (a leader change, a slow
 * member): its outcome is unknown and the caller should read before retrying (HTTP 504).
 */
public class CommitTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CommitTimeoutException(String message) {
        super(message);
    }
}
