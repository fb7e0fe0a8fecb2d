package io.novacron.consensus.pbft;

/**
 * Thrown by {@link PbftMessageCodec#decode(byte[])} when bytes are not a well-formed PBFT message.
 * <p>
 * Checked, because a malformed frame is an expected condition on an open network (a Byzantine peer, a truncated
 * frame) that the transport must handle by dropping the frame and reporting the peer, never by crashing.
 */
public final class MalformedMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong and where. */
    public MalformedMessageException(String message) {
        super(message);
    }
}
