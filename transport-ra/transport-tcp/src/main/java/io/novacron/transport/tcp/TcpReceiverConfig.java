package io.novacron.transport.tcp;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

import static io.novacron.transport.tcp.ConfigCheck.require;

/**
 * The immutable settings of a node's receiving side (the listen address an activation spec names).
 *
 * @param nodeId             this node's id, answered in HELLO_ACK
 * @param listenHost         the address to bind
 * @param listenPort         the port to bind (0 picks a free one, for tests)
 * @param streams            accepted stream numbers are 0..streams-1
 * @param maxFrameBytes      frames with a longer payload are refused before allocation and the connection closed; a
 *                           longer application payload arrives as several frames, see {@link #maxPayloadBytes()}
 * @param maxConnections     bound on concurrent inbound connections (each holds one reading thread)
 * @param allowedPeers       node ids allowed to connect; empty allows any (with TLS, any holder of a trusted certificate)
 * @param handshakeTimeoutMs bound on the TLS and HELLO handshakes of an inbound connection
 * @param tls                TLS settings
 */
public record TcpReceiverConfig(String nodeId, String listenHost, int listenPort, int streams, int maxFrameBytes,
                                int maxConnections, Set<String> allowedPeers, long handshakeTimeoutMs, TlsConfig tls) {

    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    public static final long DEFAULT_HANDSHAKE_TIMEOUT_MS = 5_000;
    /**
     * How many maximal frames one reassembled payload may span. 64 x the 16 MiB default is 1 GiB: far above any
     * sender's default queue bound (64 MiB, the largest payload a default sender accepts), yet a bound.
     */
    public static final int MAX_FRAMES_PER_PAYLOAD = 64;
    /** The longest byte array HotSpot allocates (a few header words below Integer.MAX_VALUE). */
    public static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    public TcpReceiverConfig {
        allowedPeers = Collections.unmodifiableSet(new TreeSet<>(allowedPeers));
    }

    /** Defaults matching {@link TcpSenderConfig#defaults}, plain TCP. */
    public static TcpReceiverConfig defaults(String nodeId, String listenHost, int listenPort) {
        return new TcpReceiverConfig(nodeId, listenHost, listenPort, TcpSenderConfig.DEFAULT_STREAMS,
                TcpSenderConfig.DEFAULT_MAX_FRAME_BYTES, DEFAULT_MAX_CONNECTIONS, Set.of(),
                DEFAULT_HANDSHAKE_TIMEOUT_MS, TlsConfig.DISABLED);
    }

    public TcpReceiverConfig withStreams(int n) {
        return new TcpReceiverConfig(nodeId, listenHost, listenPort, n, maxFrameBytes, maxConnections, allowedPeers,
                handshakeTimeoutMs, tls);
    }

    public TcpReceiverConfig withMaxFrameBytes(int bytes) {
        return new TcpReceiverConfig(nodeId, listenHost, listenPort, streams, bytes, maxConnections, allowedPeers,
                handshakeTimeoutMs, tls);
    }

    public TcpReceiverConfig withAllowedPeers(Set<String> ids) {
        return new TcpReceiverConfig(nodeId, listenHost, listenPort, streams, maxFrameBytes, maxConnections, ids,
                handshakeTimeoutMs, tls);
    }

    public TcpReceiverConfig withTls(TlsConfig t) {
        return new TcpReceiverConfig(nodeId, listenHost, listenPort, streams, maxFrameBytes, maxConnections,
                allowedPeers, handshakeTimeoutMs, t);
    }

    public TcpReceiverConfig withListenPort(int port) {
        return new TcpReceiverConfig(nodeId, listenHost, port, streams, maxFrameBytes, maxConnections, allowedPeers,
                handshakeTimeoutMs, tls);
    }

    /**
     * The longest application payload this receiver reassembles from CONTINUATION frames: MAX_FRAMES_PER_PAYLOAD x
     * maxFrameBytes, at most MAX_ARRAY_BYTES. A longer one is refused and its connection closed, so one inbound
     * connection holds at most this much for a payload in progress (plus one frame being read).
     */
    public int maxPayloadBytes() {
        return (int) Math.min((long) MAX_FRAMES_PER_PAYLOAD * maxFrameBytes, MAX_ARRAY_BYTES);
    }

    /** Fails with one line naming the setting, its value and what is allowed. */
    public TcpReceiverConfig validate() {
        String s = "tcp receiver config";
        require(nodeId != null && !nodeId.isBlank(), s, "nodeId", nodeId, "a non-blank id");
        require(listenHost != null && !listenHost.isBlank(), s, "listenHost", listenHost, "a host name or address");
        require(listenPort >= 0 && listenPort <= 65535, s, "listenPort", listenPort, "0..65535");
        require(streams >= 1 && streams <= 64, s, "streams", streams, "1..64");
        require(maxFrameBytes >= 1, s, "maxFrameBytes", maxFrameBytes, ">= 1");
        require(maxConnections >= 1, s, "maxConnections", maxConnections, ">= 1");
        require(handshakeTimeoutMs >= 1, s, "handshakeTimeoutMs", handshakeTimeoutMs, ">= 1");
        require(tls != null, s, "tls", null, "a TlsConfig (TlsConfig.DISABLED for plain TCP)");
        tls.validate();
        return this;
    }
}
