package io.novacron.replication;

/** This server cannot reach enough members to commit: the change was not committed (HTTP 503). */
public class NoQuorumException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NoQuorumException(String message) {
        super(message);
    }
}
