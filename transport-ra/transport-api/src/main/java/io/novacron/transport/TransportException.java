package io.novacron.transport;

/** A frame could not be accepted for sending; the subclasses name the expected reasons. */
public class TransportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
