package io.novacron.transport;

/**
 * The message listener interface of the transport's inbound side: a message-driven bean implements it and the
 * adapter calls it once per received frame. Calls for one stream of one peer come in order from one thread at
 * a time; a slow listener slows that stream's sender down (TCP flow control), it does not make the adapter buffer.
 */
public interface FrameListener {

    /** Handles one frame; an exception is logged by the adapter and the stream goes on with the next frame. */
    void onFrame(Frame frame);
}
