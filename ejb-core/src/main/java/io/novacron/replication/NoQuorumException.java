package io.novacron.replication;

import jakarta.ejb.ApplicationException;

/** This server cannot reach enough members to commit: the change was not committed (HTTP 503). */
// An expected answer, not a container failure: the EJB container passes it through unwrapped and does not log it.
@ApplicationException(rollback = true)
public class NoQuorumException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NoQuorumException(String message) {
        super(message);
    }
}
