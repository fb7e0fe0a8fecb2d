package io.novacron.replication;

import jakarta.ejb.ApplicationException;

/**
 * A proposal was not seen committed within the deadline although a quorum seemed reachable (a leader change, a slow
 * member): its outcome is unknown and the caller should read before retrying (HTTP 504).
 */
// An expected answer, not a container failure: the EJB container passes it through unwrapped and does not log it.
@ApplicationException(rollback = true)
public class CommitTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CommitTimeoutException(String message) {
        super(message);
    }
}
