package io.novacron.replication;

import jakarta.ejb.ApplicationException;

/** This server's consensus engine is not running (keys missing, grid not active yet, journal failed): HTTP 503. */
// An expected answer, not a container failure: the EJB container passes it through unwrapped and does not log it.
@ApplicationException(rollback = true)
public class ConsensusUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConsensusUnavailableException(String message) {
        super(message);
    }
}
