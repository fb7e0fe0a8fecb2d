package io.novacron.transport.tcp.jca;

import io.novacron.transport.FrameListener;
import io.novacron.transport.tcp.CounterRegistry;
import io.novacron.transport.tcp.ListenerSource;
import io.novacron.transport.tcp.TcpReceiver;
import io.novacron.transport.tcp.TcpReceiverConfig;
import io.novacron.transport.tcp.TcpSender;
import io.novacron.transport.tcp.TlsConfig;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import javax.transaction.xa.XAResource;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * The TCP resource adapter: holds what is one per node (its id and TLS identity), runs every engine task on the
 * WorkManager, owns the senders its connection factories start and the receivers its endpoint activations start,
 * and shares one set of counters between them so that statistics show both directions.
 * <p>
 * Config properties (ra.xml): nodeId (blank: the system property {@code novacron.node.id}), tlsEnabled,
 * keyStorePath, keyStorePassword, trustStorePath, trustStorePassword, storeType.
 */
public class TcpResourceAdapter implements ResourceAdapter, Serializable {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(TcpResourceAdapter.class.getName());
    static final String NODE_ID_PROPERTY = "novacron.node.id";

    private String nodeId = "";
    private Boolean tlsEnabled = Boolean.FALSE;
    private String keyStorePath = "";
    private String keyStorePassword = "";
    private String trustStorePath = "";
    private String trustStorePassword = "";
    private String storeType = "PKCS12";

    private transient volatile Executor executor;
    private transient CounterRegistry counters;
    private transient List<TcpSender> senders;
    private transient Map<ActivationKey, TcpReceiver> receivers;

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        try {
            resolvedNodeId();
            tls().validate();
        } catch (IllegalArgumentException e) {
            throw new ResourceAdapterInternalException(e.getMessage(), e);
        }
        counters = new CounterRegistry();
        senders = new CopyOnWriteArrayList<>();
        receivers = new ConcurrentHashMap<>();
        executor = new WorkManagerExecutor(context.getWorkManager());
        LOG.log(System.Logger.Level.INFO, "NovaCron TCP transport adapter started for node {0} ({1})", resolvedNodeId(), tls());
    }

    @Override
    public void stop() {
        if (receivers != null) {
            receivers.values().forEach(TcpReceiver::close);
            receivers.clear();
        }
        if (senders != null) {
            senders.forEach(TcpSender::close);
            senders.clear();
        }
        executor = null;
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        if (!(spec instanceof TcpActivationSpec tcpSpec)) {
            throw new NotSupportedException("activation spec " + spec.getClass().getName() + " is not a TcpActivationSpec");
        }
        requireStarted();
        TcpReceiverConfig config;
        try {
            config = tcpSpec.receiverConfig(resolvedNodeId(), tls());
        } catch (IllegalArgumentException e) {
            throw new jakarta.resource.spi.InvalidPropertyException(e.getMessage(), e);
        }
        TcpReceiver receiver = new TcpReceiver(config, counters, executor, endpoints(factory));
        try {
            receiver.start();
        } catch (IOException e) {
            throw new ResourceException("transport activation for " + factory.getActivationName() + ": " + e.getMessage(), e);
        }
        receivers.put(new ActivationKey(factory, spec), receiver);
        LOG.log(System.Logger.Level.INFO, "node {0} listening on {1}:{2} for {3}", resolvedNodeId(), config.listenHost(),
                String.valueOf(receiver.localPort()), factory.getActivationName());
    }

    /** One MessageEndpoint per inbound connection: endpoints are single-threaded, connections each have a thread. */
    private static ListenerSource endpoints(MessageEndpointFactory factory) {
        return new ListenerSource() {
            @Override
            public FrameListener open() throws Exception {
                MessageEndpoint endpoint = factory.createEndpoint(null);
                if (!(endpoint instanceof FrameListener listener)) {
                    endpoint.release();
                    throw new NotSupportedException("the message endpoint does not implement " + FrameListener.class.getName());
                }
                return listener;
            }

            @Override
            public void release(FrameListener listener) {
                ((MessageEndpoint) listener).release();
            }
        };
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        TcpReceiver r = receivers == null ? null : receivers.remove(new ActivationKey(factory, spec));
        if (r != null) {
            r.close();
        }
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0]; // frames are not transactional: nothing to recover
    }

    /** Registers a sender started by a connection factory, so that stop() closes it. */
    TcpSender adopt(TcpSender sender) {
        senders.add(sender);
        return sender;
    }

    Executor executor() throws ResourceAdapterInternalException {
        requireStarted();
        return executor;
    }

    CounterRegistry counters() {
        return counters;
    }

    private void requireStarted() throws ResourceAdapterInternalException {
        if (executor == null) {
            throw new ResourceAdapterInternalException("the NovaCron TCP transport adapter is not started");
        }
    }

    /** The node id: the nodeId property, or else the system property novacron.node.id. */
    String resolvedNodeId() {
        String id = nodeId == null || nodeId.isBlank() ? System.getProperty(NODE_ID_PROPERTY, "") : nodeId;
        if (id.isBlank()) {
            throw new IllegalArgumentException("tcp resource adapter: nodeId= is invalid; allowed: a non-blank node id"
                    + " (set the nodeId property or the system property " + NODE_ID_PROPERTY + ")");
        }
        return id.trim();
    }

    TlsConfig tls() {
        return Boolean.TRUE.equals(tlsEnabled)
                ? new TlsConfig(true, keyStorePath, keyStorePassword, trustStorePath, trustStorePassword, storeType)
                : TlsConfig.DISABLED;
    }

    public String getNodeId() {
        return nodeId;
    }

    public void setNodeId(String nodeId) {
        this.nodeId = nodeId;
    }

    public Boolean getTlsEnabled() {
        return tlsEnabled;
    }

    public void setTlsEnabled(Boolean tlsEnabled) {
        this.tlsEnabled = tlsEnabled;
    }

    public String getKeyStorePath() {
        return keyStorePath;
    }

    public void setKeyStorePath(String keyStorePath) {
        this.keyStorePath = keyStorePath;
    }

    public String getKeyStorePassword() {
        return keyStorePassword;
    }

    public void setKeyStorePassword(String keyStorePassword) {
        this.keyStorePassword = keyStorePassword;
    }

    public String getTrustStorePath() {
        return trustStorePath;
    }

    public void setTrustStorePath(String trustStorePath) {
        this.trustStorePath = trustStorePath;
    }

    public String getTrustStorePassword() {
        return trustStorePassword;
    }

    public void setTrustStorePassword(String trustStorePassword) {
        this.trustStorePassword = trustStorePassword;
    }

    public String getStoreType() {
        return storeType;
    }

    public void setStoreType(String storeType) {
        this.storeType = storeType;
    }

    /** Activations are keyed by identity of the factory and spec the container passes back on deactivation. */
    private record ActivationKey(MessageEndpointFactory factory, ActivationSpec spec) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ActivationKey k && k.factory == factory && k.spec == spec;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(factory) * 31 + System.identityHashCode(spec);
        }
    }
}
