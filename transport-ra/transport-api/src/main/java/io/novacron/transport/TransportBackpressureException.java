package io.novacron.transport;

/**
 * The stream's bounded send queue is full (the peer or the network is slower than the sender): the frame was not
 * queued. Callers retry later, drop, or slow down; the transport never buffers without bound.
 */
public class TransportBackpressureException extends TransportException {

    private static final long serialVersionUID = 1L;

    public TransportBackpressureException(String message) {
        super(message);
    }
}
