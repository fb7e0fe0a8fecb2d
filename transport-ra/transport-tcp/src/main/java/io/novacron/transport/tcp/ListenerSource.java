package io.novacron.transport.tcp;

import io.novacron.transport.FrameListener;

/**
 * Where a receiver gets the listener for each inbound connection: one listener per connection, used by that
 * connection's thread only (inside the server each is a MessageEndpoint, which must not be shared between threads).
 */
public interface ListenerSource {

    /** A listener for one new inbound connection. */
    FrameListener open() throws Exception;

    /** Gives back a listener when its connection ends. */
    default void release(FrameListener listener) {
    }

    /** One shared, thread-safe listener for every connection (tests and plain-Java use). */
    static ListenerSource shared(FrameListener listener) {
        return () -> listener;
    }
}
