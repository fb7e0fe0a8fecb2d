package io.novacron.transport.tcp;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.novacron.transport.tcp.ConfigCheck.require;

/**
 * The immutable settings of a node's sending side; {@link #validate()} rejects nonsense before anything connects.
 *
 * @param nodeId                 this node's id, sent in HELLO (and matched against its certificate with TLS)
 * @param peers                  the peers' ids and listen addresses
 * @param streams                parallel connections per peer; stream 0 is the control stream and carries heartbeats
 * @param maxFrameBytes          the largest payload of one wire frame; a longer payload leaves as several frames
 *                               (CONTINUATION parts and a last DATA part) and arrives whole
 * @param queueFrames            bound on queued payloads per stream (back-pressure beyond it)
 * @param queueBytes             bound on queued payload bytes per stream (back-pressure beyond it), and so the
 *                               largest payload one send accepts
 * @param batchBytes             frames are coalesced into one socket write up to this many bytes
 * @param heartbeatIntervalMs    time between heartbeats on the control stream
 * @param heartbeatMisses        a peer silent for this many intervals is marked down and reconnected
 * @param reconnectMinMs         first reconnect delay; doubles per failed attempt
 * @param reconnectMaxMs         cap of the reconnect delay; the delay actually waited is jittered to [d/2, d]
 * @param connectTimeoutMs       bound on TCP connect plus the TLS and HELLO handshakes
 * @param tls                    TLS settings
 */
public record TcpSenderConfig(String nodeId, Map<String, InetSocketAddress> peers, int streams, int maxFrameBytes,
                              int queueFrames, long queueBytes, int batchBytes, long heartbeatIntervalMs,
                              int heartbeatMisses, long reconnectMinMs, long reconnectMaxMs, long connectTimeoutMs,
                              TlsConfig tls) {

    public static final int DEFAULT_STREAMS = 4;
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 << 20;
    public static final int DEFAULT_QUEUE_FRAMES = 4096;
    public static final long DEFAULT_QUEUE_BYTES = 64L << 20;
    public static final int DEFAULT_BATCH_BYTES = 64 << 10;
    public static final long DEFAULT_HEARTBEAT_INTERVAL_MS = 500;
    public static final int DEFAULT_HEARTBEAT_MISSES = 4;
    public static final long DEFAULT_RECONNECT_MIN_MS = 50;
    public static final long DEFAULT_RECONNECT_MAX_MS = 5_000;
    public static final long DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

    public TcpSenderConfig {
        peers = Collections.unmodifiableMap(new LinkedHashMap<>(peers));
    }

    /** The defaults above, plain TCP. */
    public static TcpSenderConfig defaults(String nodeId, Map<String, InetSocketAddress> peers) {
        return new TcpSenderConfig(nodeId, peers, DEFAULT_STREAMS, DEFAULT_MAX_FRAME_BYTES, DEFAULT_QUEUE_FRAMES,
                DEFAULT_QUEUE_BYTES, DEFAULT_BATCH_BYTES, DEFAULT_HEARTBEAT_INTERVAL_MS, DEFAULT_HEARTBEAT_MISSES,
                DEFAULT_RECONNECT_MIN_MS, DEFAULT_RECONNECT_MAX_MS, DEFAULT_CONNECT_TIMEOUT_MS, TlsConfig.DISABLED);
    }

    public TcpSenderConfig withStreams(int n) {
        return new TcpSenderConfig(nodeId, peers, n, maxFrameBytes, queueFrames, queueBytes, batchBytes,
                heartbeatIntervalMs, heartbeatMisses, reconnectMinMs, reconnectMaxMs, connectTimeoutMs, tls);
    }

    public TcpSenderConfig withQueue(int frames, long bytes) {
        return new TcpSenderConfig(nodeId, peers, streams, maxFrameBytes, frames, bytes, batchBytes,
                heartbeatIntervalMs, heartbeatMisses, reconnectMinMs, reconnectMaxMs, connectTimeoutMs, tls);
    }

    public TcpSenderConfig withHeartbeat(long intervalMs, int misses) {
        return new TcpSenderConfig(nodeId, peers, streams, maxFrameBytes, queueFrames, queueBytes, batchBytes,
                intervalMs, misses, reconnectMinMs, reconnectMaxMs, connectTimeoutMs, tls);
    }

    public TcpSenderConfig withReconnect(long minMs, long maxMs) {
        return new TcpSenderConfig(nodeId, peers, streams, maxFrameBytes, queueFrames, queueBytes, batchBytes,
                heartbeatIntervalMs, heartbeatMisses, minMs, maxMs, connectTimeoutMs, tls);
    }

    public TcpSenderConfig withMaxFrameBytes(int bytes) {
        return new TcpSenderConfig(nodeId, peers, streams, bytes, queueFrames, queueBytes, batchBytes,
                heartbeatIntervalMs, heartbeatMisses, reconnectMinMs, reconnectMaxMs, connectTimeoutMs, tls);
    }

    public TcpSenderConfig withBatchBytes(int bytes) {
        return new TcpSenderConfig(nodeId, peers, streams, maxFrameBytes, queueFrames, queueBytes, bytes,
                heartbeatIntervalMs, heartbeatMisses, reconnectMinMs, reconnectMaxMs, connectTimeoutMs, tls);
    }

    public TcpSenderConfig withTls(TlsConfig t) {
        return new TcpSenderConfig(nodeId, peers, streams, maxFrameBytes, queueFrames, queueBytes, batchBytes,
                heartbeatIntervalMs, heartbeatMisses, reconnectMinMs, reconnectMaxMs, connectTimeoutMs, t);
    }

    /** Fails with one line naming the setting, its value and what is allowed. */
    public TcpSenderConfig validate() {
        String s = "tcp sender config";
        require(nodeId != null && !nodeId.isBlank() && nodeId.indexOf(',') < 0 && nodeId.indexOf('=') < 0, s, "nodeId",
                nodeId, "a non-blank id without ',' or '='");
        require(!peers.containsKey(nodeId), s, "peers", PeerAddresses.format(peers), "other nodes than nodeId " + nodeId);
        require(streams >= 1 && streams <= 64, s, "streams", streams, "1..64");
        require(maxFrameBytes >= 1, s, "maxFrameBytes", maxFrameBytes, ">= 1");
        require(queueFrames >= 1, s, "queueFrames", queueFrames, ">= 1");
        require(queueBytes >= maxFrameBytes, s, "queueBytes", queueBytes, ">= maxFrameBytes (" + maxFrameBytes + ")");
        require(batchBytes >= 1, s, "batchBytes", batchBytes, ">= 1");
        require(heartbeatIntervalMs >= 1, s, "heartbeatIntervalMs", heartbeatIntervalMs, ">= 1");
        require(heartbeatMisses >= 1, s, "heartbeatMisses", heartbeatMisses, ">= 1");
        require(reconnectMinMs >= 1, s, "reconnectMinMs", reconnectMinMs, ">= 1");
        require(reconnectMaxMs >= reconnectMinMs, s, "reconnectMaxMs", reconnectMaxMs,
                ">= reconnectMinMs (" + reconnectMinMs + ")");
        require(connectTimeoutMs >= 1, s, "connectTimeoutMs", connectTimeoutMs, ">= 1");
        require(tls != null, s, "tls", null, "a TlsConfig (TlsConfig.DISABLED for plain TCP)");
        tls.validate();
        return this;
    }
}
