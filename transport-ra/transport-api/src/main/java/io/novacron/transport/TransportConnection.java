package io.novacron.transport;

import java.util.List;

/**
 * A handle for sending frames to peers, obtained from a {@link TransportConnectionFactory} and closed after use
 * (closing returns the handle, it does not drop the peers' connections, which the transport keeps open).
 */
public interface TransportConnection extends AutoCloseable {

    /**
     * Queues a frame for the peer's stream and returns at once; it never blocks on the network.
     * Delivery is at most once: frames queued or in flight when a connection breaks may be lost, so protocols
     * above retransmit as they would over a lossy network.
     *
     * @throws PeerUnknownException            the peer is not configured
     * @throws TransportBackpressureException  the stream's bounded queue is full
     * @throws IllegalArgumentException        stream out of range or payload larger than the maximum frame
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
