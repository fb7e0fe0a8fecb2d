package io.novacron.transport;

/**
 * A snapshot of one peer's counters, taken without stopping traffic (each field is read on its own, so the
 * fields may be a few frames apart).
 *
 * @param peerId           the peer's node id
 * @param connected        the control stream is connected and the peer answered heartbeats within the allowed misses
 * @param rttNanos         the last heartbeat round-trip time, or -1 before the first answer
 * @param bytesOut         frame bytes written to the peer (headers and checksums included)
 * @param framesOut        data frames written to the peer
 * @param writesOut        socket writes to the peer: framesOut / writesOut is the batching factor
 * @param bytesIn          frame bytes received from the peer
 * @param framesIn         data frames received from the peer
 * @param queuedFrames     frames waiting in the peer's send queues, all streams
 * @param queuedBytes      payload bytes waiting in the peer's send queues, all streams
 * @param reconnects       connections to the peer re-established after one was lost, all streams
 * @param rejectedFrames   sends refused because a queue was full
 */
public record PeerStatistics(String peerId, boolean connected, long rttNanos, long bytesOut, long framesOut,
                             long writesOut, long bytesIn, long framesIn, int queuedFrames, long queuedBytes,
                             long reconnects, long rejectedFrames) {
}
