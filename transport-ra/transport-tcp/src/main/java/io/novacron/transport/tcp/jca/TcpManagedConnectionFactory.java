package io.novacron.transport.tcp.jca;

import io.novacron.transport.tcp.PeerAddresses;
import io.novacron.transport.tcp.TcpSender;
import io.novacron.transport.tcp.TcpSenderConfig;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.ValidatingManagedConnectionFactory;

import javax.security.auth.Subject;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Set;

/**
 * The outbound side of one configured connection factory: the peers it sends to and the queue, batching,
 * heartbeat and reconnect settings. It starts one engine sender on first use and shares it among all managed
 * connections, since a "connection" here is only a handle onto links to the peers that stay open.
 * <p>
 * Config properties (ra.xml): peers ({@code id=host:port,...}), streams (4), maxFrameBytes (16 MiB per wire frame;
 * longer payloads are split), queueFrames (4096), queueBytes (64 MiB, and so the largest payload), batchBytes
 * (64 KiB), heartbeatIntervalMs (500), heartbeatMisses (4),
 * reconnectMinMs (50), reconnectMaxMs (5000), connectTimeoutMs (5000).
 */
public class TcpManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation,
        ValidatingManagedConnectionFactory {

    private static final long serialVersionUID = 1L;

    private String peers = "";
    private Integer streams = TcpSenderConfig.DEFAULT_STREAMS;
    private Integer maxFrameBytes = TcpSenderConfig.DEFAULT_MAX_FRAME_BYTES;
    private Integer queueFrames = TcpSenderConfig.DEFAULT_QUEUE_FRAMES;
    private Long queueBytes = TcpSenderConfig.DEFAULT_QUEUE_BYTES;
    private Integer batchBytes = TcpSenderConfig.DEFAULT_BATCH_BYTES;
    private Long heartbeatIntervalMs = TcpSenderConfig.DEFAULT_HEARTBEAT_INTERVAL_MS;
    private Integer heartbeatMisses = TcpSenderConfig.DEFAULT_HEARTBEAT_MISSES;
    private Long reconnectMinMs = TcpSenderConfig.DEFAULT_RECONNECT_MIN_MS;
    private Long reconnectMaxMs = TcpSenderConfig.DEFAULT_RECONNECT_MAX_MS;
    private Long connectTimeoutMs = TcpSenderConfig.DEFAULT_CONNECT_TIMEOUT_MS;

    private transient TcpResourceAdapter resourceAdapter;
    private transient TcpSender sender;
    private transient PrintWriter logWriter;

    @Override
    public Object createConnectionFactory(ConnectionManager cm) {
        return new TcpConnectionFactory(this, cm);
    }

    @Override
    public Object createConnectionFactory() {
        return new TcpConnectionFactory(this, new DirectConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        return new TcpManagedConnection(this, sender());
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo info) {
        for (Object c : candidates) {
            if (c instanceof TcpManagedConnection mc && mc.factory() == this) {
                return mc; // every connection of this factory is interchangeable: no credentials, no per-request state
            }
        }
        return null;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Set getInvalidConnections(Set connections) {
        return Set.of(); // handles stay valid while the adapter runs: the links reconnect underneath them
    }

    /** The engine sender, started on first use with this factory's settings and the adapter's node identity. */
    synchronized TcpSender sender() throws ResourceException {
        if (sender == null) {
            if (resourceAdapter == null) {
                throw new ResourceAdapterInternalException("connection factory is not associated with the TCP resource adapter");
            }
            TcpSenderConfig config;
            try {
                config = senderConfig(resourceAdapter.resolvedNodeId());
                config.withTls(resourceAdapter.tls()).validate();
            } catch (IllegalArgumentException e) {
                throw new InvalidPropertyException(e.getMessage(), e);
            }
            sender = resourceAdapter.adopt(new TcpSender(config.withTls(resourceAdapter.tls()), resourceAdapter.counters(),
                    resourceAdapter.executor(), new SecureRandom()).start());
        }
        return sender;
    }

    /**
     * The sender settings for the given node id (plain TCP; the adapter adds TLS). The peers property may be the
     * whole member list: this node's own entry is skipped, so every member can be given the same value.
     */
    TcpSenderConfig senderConfig(String nodeId) {
        java.util.Map<String, java.net.InetSocketAddress> others = new java.util.LinkedHashMap<>(PeerAddresses.parse(peers));
        others.remove(nodeId);
        return new TcpSenderConfig(nodeId, others, orZero(streams), orZero(maxFrameBytes),
                orZero(queueFrames), orZero(queueBytes), orZero(batchBytes), orZero(heartbeatIntervalMs),
                orZero(heartbeatMisses), orZero(reconnectMinMs), orZero(reconnectMaxMs), orZero(connectTimeoutMs),
                io.novacron.transport.tcp.TlsConfig.DISABLED).validate();
    }

    private static int orZero(Integer v) {
        return v == null ? 0 : v;
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        if (!(ra instanceof TcpResourceAdapter tcp)) {
            throw new ResourceAdapterInternalException("expected the TCP resource adapter, got " + ra);
        }
        this.resourceAdapter = tcp;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    // JCA 2.1 §6.5.3.2: equality over the configuration properties.
    @Override
    public boolean equals(Object o) {
        return o instanceof TcpManagedConnectionFactory m && Objects.equals(peers, m.peers) && Objects.equals(streams, m.streams)
                && Objects.equals(maxFrameBytes, m.maxFrameBytes) && Objects.equals(queueFrames, m.queueFrames)
                && Objects.equals(queueBytes, m.queueBytes) && Objects.equals(batchBytes, m.batchBytes)
                && Objects.equals(heartbeatIntervalMs, m.heartbeatIntervalMs) && Objects.equals(heartbeatMisses, m.heartbeatMisses)
                && Objects.equals(reconnectMinMs, m.reconnectMinMs) && Objects.equals(reconnectMaxMs, m.reconnectMaxMs)
                && Objects.equals(connectTimeoutMs, m.connectTimeoutMs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(peers, streams, maxFrameBytes, queueFrames, queueBytes, batchBytes, heartbeatIntervalMs,
                heartbeatMisses, reconnectMinMs, reconnectMaxMs, connectTimeoutMs);
    }

    public String getPeers() {
        return peers;
    }

    public void setPeers(String peers) {
        this.peers = peers;
    }

    public Integer getStreams() {
        return streams;
    }

    public void setStreams(Integer streams) {
        this.streams = streams;
    }

    public Integer getMaxFrameBytes() {
        return maxFrameBytes;
    }

    public void setMaxFrameBytes(Integer maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    public Integer getQueueFrames() {
        return queueFrames;
    }

    public void setQueueFrames(Integer queueFrames) {
        this.queueFrames = queueFrames;
    }

    public Long getQueueBytes() {
        return queueBytes;
    }

    public void setQueueBytes(Long queueBytes) {
        this.queueBytes = queueBytes;
    }

    public Integer getBatchBytes() {
        return batchBytes;
    }

    public void setBatchBytes(Integer batchBytes) {
        this.batchBytes = batchBytes;
    }

    public Long getHeartbeatIntervalMs() {
        return heartbeatIntervalMs;
    }

    public void setHeartbeatIntervalMs(Long heartbeatIntervalMs) {
        this.heartbeatIntervalMs = heartbeatIntervalMs;
    }

    public Integer getHeartbeatMisses() {
        return heartbeatMisses;
    }

    public void setHeartbeatMisses(Integer heartbeatMisses) {
        this.heartbeatMisses = heartbeatMisses;
    }

    public Long getReconnectMinMs() {
        return reconnectMinMs;
    }

    public void setReconnectMinMs(Long reconnectMinMs) {
        this.reconnectMinMs = reconnectMinMs;
    }

    public Long getReconnectMaxMs() {
        return reconnectMaxMs;
    }

    public void setReconnectMaxMs(Long reconnectMaxMs) {
        this.reconnectMaxMs = reconnectMaxMs;
    }

    public Long getConnectTimeoutMs() {
        return connectTimeoutMs;
    }

    public void setConnectTimeoutMs(Long connectTimeoutMs) {
        this.connectTimeoutMs = connectTimeoutMs;
    }
}
