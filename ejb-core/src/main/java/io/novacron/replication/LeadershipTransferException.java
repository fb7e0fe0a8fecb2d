package io.novacron.replication;

/** A leadership transfer this server cannot start: it is not the leader, or the protocol has none (HTTP 409). */
public class LeadershipTransferException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LeadershipTransferException(String message) {
        super(message);
    }
}
