package io.novacron.transport.tcp.jca;

import io.novacron.transport.tcp.TcpReceiverConfig;
import io.novacron.transport.tcp.TcpSenderConfig;
import io.novacron.transport.tcp.TlsConfig;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The inbound settings of one message-driven bean: the address its frames arrive on. Config properties (ra.xml):
 * listenHost (127.0.0.1), listenPort (7400), streams (4), maxFrameBytes (16 MiB per wire frame; a payload may span
 * 64 frames, so 1 GiB), maxConnections (256), allowedPeers ("" = any), handshakeTimeoutMs (5000).
 */
public class TcpActivationSpec implements ActivationSpec, Serializable {

    private static final long serialVersionUID = 1L;

    private String listenHost = "127.0.0.1";
    private Integer listenPort = 7400;
    private Integer streams = TcpSenderConfig.DEFAULT_STREAMS;
    private Integer maxFrameBytes = TcpSenderConfig.DEFAULT_MAX_FRAME_BYTES;
    private Integer maxConnections = TcpReceiverConfig.DEFAULT_MAX_CONNECTIONS;
    private String allowedPeers = "";
    private Long handshakeTimeoutMs = TcpReceiverConfig.DEFAULT_HANDSHAKE_TIMEOUT_MS;
    private transient ResourceAdapter resourceAdapter;

    /** The receiver settings for the given node identity; fails with one line naming the property. */
    TcpReceiverConfig receiverConfig(String nodeId, TlsConfig tls) {
        Set<String> allowed = allowedPeers == null || allowedPeers.isBlank() ? Set.of()
                : Arrays.stream(allowedPeers.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        return new TcpReceiverConfig(nodeId, listenHost, orZero(listenPort), orZero(streams), orZero(maxFrameBytes),
                orZero(maxConnections), allowed, handshakeTimeoutMs == null ? 0 : handshakeTimeoutMs, tls).validate();
    }

    private static int orZero(Integer v) {
        return v == null ? 0 : v;
    }

    @Override
    public void validate() throws InvalidPropertyException {
        try {
            receiverConfig("validation", TlsConfig.DISABLED);
        } catch (IllegalArgumentException e) {
            throw new InvalidPropertyException(e.getMessage(), e);
        }
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) {
        this.resourceAdapter = ra;
    }

    public String getListenHost() {
        return listenHost;
    }

    public void setListenHost(String listenHost) {
        this.listenHost = listenHost;
    }

    public Integer getListenPort() {
        return listenPort;
    }

    public void setListenPort(Integer listenPort) {
        this.listenPort = listenPort;
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

    public Integer getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(Integer maxConnections) {
        this.maxConnections = maxConnections;
    }

    public String getAllowedPeers() {
        return allowedPeers;
    }

    public void setAllowedPeers(String allowedPeers) {
        this.allowedPeers = allowedPeers;
    }

    public Long getHandshakeTimeoutMs() {
        return handshakeTimeoutMs;
    }

    public void setHandshakeTimeoutMs(Long handshakeTimeoutMs) {
        this.handshakeTimeoutMs = handshakeTimeoutMs;
    }
}
