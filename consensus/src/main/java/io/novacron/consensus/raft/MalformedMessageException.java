package io.novacron.consensus.raft;

/**
 * Thrown by {@link RaftMessageCodec#decode(byte[])} for bytes that are not a valid message.
 * A transport drops such frames (and may report the peer) instead of letting garbage reach the core.
 */
public final class MalformedMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String reason) {
        super(reason);
    }
}
