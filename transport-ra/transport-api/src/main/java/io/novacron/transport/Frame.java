package io.novacron.transport;

import java.util.Arrays;
import java.util.Objects;

/**
 * One application frame received from, or bound for, a peer on one of its parallel streams: the payload of one send,
 * delivered whole however many wire frames the transport used for it.
 * Frames on one stream of one peer arrive in the order they were sent; across streams there is no order.
 *
 * @param peerId  the node id of the remote peer (the sender on receipt, the destination when sending)
 * @param stream  the stream number, 0 &le; stream &lt; the configured stream count; 0 is the control stream
 * @param payload the bytes; the receiver owns them
 */
public record Frame(String peerId, int stream, byte[] payload) {

    public Frame {
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(payload, "payload");
        if (stream < 0) {
            throw new IllegalArgumentException("stream=" + stream + " is invalid; allowed: >= 0");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.stream == stream && f.peerId.equals(peerId) && Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(peerId, stream, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "Frame[peer=" + peerId + ", stream=" + stream + ", " + payload.length + " B]";
    }
}
