package io.novacron.replication;

/** This server's consensus engine is not running (keys missing, grid not active yet, journal failed): HTTP 503. */
public class ConsensusUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConsensusUnavailableException(String message) {
        super(message);
    }
}
