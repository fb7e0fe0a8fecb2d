package io.novacron.transport;

/** The frame names a peer that is not in the transport's configured peer list. */
public class PeerUnknownException extends TransportException {

    private static final long serialVersionUID = 1L;

    public PeerUnknownException(String message) {
        super(message);
    }
}
