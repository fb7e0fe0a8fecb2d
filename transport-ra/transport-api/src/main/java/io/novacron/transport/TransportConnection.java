package io.novacron.transport;

import java.util.List;

/**
 * A handle for sending frames to peers, obtained from a {@link TransportConnectionFactory} and closed after use
 * (closing returns the handle, it does not drop the peers' connections, which the transport keeps open).
 */
public interface TransportConnection extends AutoCloseable {

    /**
     * Queues a frame for the peer's stream and returns at once; it never blocks on the network.
     * The payload may be longer than the transport's wire frames (maxFrameBytes for TCP): the transport splits it
     * and the peer's listener receives it whole, as one frame, in order with the stream's other frames. The queue
     * holds it whole, so it counts whole against the queue bounds and is queued entirely or not at all. The largest
     * payload is the stream's queue bound (queueBytes for TCP); the receiving node bounds what it reassembles too
     * (64 x its maxFrameBytes for TCP) and drops the connection, losing the payload, beyond that.
     * Delivery is at most once: frames queued or in flight when a connection breaks may be lost (a payload cut off
     * part-way is dropped, never delivered in part), so protocols above retransmit as they would over a lossy network.
     *
     * @throws PeerUnknownException            the peer is not configured
     * @throws TransportBackpressureException  the stream's bounded queue has no room for the payload now; it may later
     * @throws IllegalArgumentException        stream out of range, or a payload larger than the stream's queue bound,
     *                                         which could never be queued (the message names the bound to raise)
     * @throws IllegalStateException           this handle is closed
     */
    void send(String peerId, int stream, byte[] payload);

    /** The configured peers' node ids. */
    List<String> peers();

    /** The number of parallel streams per peer; stream 0 is the control stream. */
    int streamCount();

    /** The counters of every configured peer. */
    List<PeerStatistics> statistics();

    @Override
    void close();
}
