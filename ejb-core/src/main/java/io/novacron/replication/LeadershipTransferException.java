package io.novacron.replication;

import jakarta.ejb.ApplicationException;

/** A leadership transfer this server cannot start: it is not the leader, or the protocol has none (HTTP 409). */
// An expected answer, not a container failure: the EJB container passes it through unwrapped and does not log it.
@ApplicationException(rollback = true)
public class LeadershipTransferException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LeadershipTransferException(String message) {
        super(message);
    }
}
