package io.novacron.transport;

/**
 * A snapshot of one peer's counters, taken without stopping traffic (each field is read on its own, so the
 * fields may be a few frames apart).
 *
 * @param peerId           the peer's node id
 * @param connected        the control stream is connected and the peer answered heartbeats within the allowed misses
 * @param rttNanos         the last heartbeat round-trip time, or -1 before the first answer
 * @param bytesOut         wire bytes written to the peer (every frame's header and checksum included)
 * @param framesOut        application frames written to the peer: one per payload sent, however many wire frames a
 *                         long payload took (counted when its last part is written)
 * @param writesOut        socket writes to the peer: framesOut / writesOut is the batching factor (below 1 when
 *                         payloads longer than a batch take several writes each)
 * @param bytesIn          wire bytes received from the peer
 * @param framesIn         application frames received from the peer, one per payload delivered to the listener
 * @param queuedFrames     frames (whole payloads) waiting in the peer's send queues, all streams
 * @param queuedBytes      payload bytes waiting in the peer's send queues, all streams
 * @param reconnects       connections to the peer re-established after one was lost, all streams
 * @param rejectedFrames   sends refused because a queue was full (not those refused for a payload above the bound)
 */
public record PeerStatistics(String peerId, boolean connected, long rttNanos, long bytesOut, long framesOut,
                             long writesOut, long bytesIn, long framesIn, int queuedFrames, long queuedBytes,
                             long reconnects, long rejectedFrames) {
}
