package io.novacron.transport.tcp.jca;

import io.novacron.transport.Frame;
import io.novacron.transport.FrameListener;
import io.novacron.transport.PeerStatistics;
import io.novacron.transport.TransportConnection;
import io.novacron.transport.TransportConnectionFactory;
import io.novacron.transport.TransportException;
import io.novacron.transport.tcp.CounterRegistry;
import io.novacron.transport.tcp.ListenerSource;
import io.novacron.transport.tcp.TcpReceiver;
import io.novacron.transport.tcp.TcpReceiverConfig;
import io.novacron.transport.tcp.TcpSender;
import io.novacron.transport.tcp.TcpSenderConfig;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAResource;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JCA classes around the engine, without a container: the adapter's WorkManager runs the engine, the managed
 * connection factory's handles send (JCA 2.1 §6.5.3.3 non-managed use), endpoint activation delivers to
 * MessageEndpoints, and bad configuration fails with one line naming the property.
 */
class JcaWiringTest {

    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "jca-test");
        t.setDaemon(true);
        return t;
    });
    private final ThreadWorkManager work = new ThreadWorkManager(threads);
    private TcpResourceAdapter ra;

    @AfterEach
    void stop() {
        if (ra != null) {
            ra.stop();
        }
        threads.shutdownNow();
    }

    private TcpResourceAdapter startAdapter(String nodeId) throws ResourceAdapterInternalException {
        ra = new TcpResourceAdapter();
        ra.setNodeId(nodeId);
        ra.start(work);
        return ra;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    @Test
    void connectionHandlesSendThroughTheAdaptersEngineOnTheWorkManager() throws Exception {
        ConcurrentLinkedQueue<Frame> atB = new ConcurrentLinkedQueue<>();
        try (TcpReceiver b = new TcpReceiver(TcpReceiverConfig.defaults("b", "127.0.0.1", 0), new CounterRegistry(),
                threads, ListenerSource.shared(atB::add)).start()) {
            startAdapter("a");
            TcpManagedConnectionFactory mcf = new TcpManagedConnectionFactory();
            // The whole member list, this node included: its own entry is skipped.
            mcf.setPeers("a=127.0.0.1:1,b=127.0.0.1:" + b.localPort());
            mcf.setHeartbeatIntervalMs(50L);
            mcf.setResourceAdapter(ra);
            TransportConnectionFactory cf = (TransportConnectionFactory) mcf.createConnectionFactory();
            try (TransportConnection c = cf.getConnection()) {
                assertEquals(List.of("b"), c.peers());
                assertEquals(4, c.streamCount());
                for (int s = 0; s < 4; s++) {
                    c.send("b", s, ("via JCA " + s).getBytes());
                }
            }
            await(() -> atB.size() == 4, "b received four frames sent through connection handles");
            assertTrue(atB.stream().allMatch(f -> f.peerId().equals("a")), "b saw node id a: " + atB);
            assertTrue(work.scheduled.get() >= 4 + 1 + 1, "engine tasks ran as Work: " + work.scheduled.get());
            try (TransportConnection c = cf.getConnection()) {
                await(() -> c.statistics().get(0).rttNanos() > 0, "heartbeats measured an RTT to b");
                assertEquals(4, c.statistics().get(0).framesOut());
            }
        }
    }

    @Test
    void aClosedHandleRefusesToSendAndTellsTheContainer() throws Exception {
        startAdapter("a");
        TcpManagedConnectionFactory mcf = new TcpManagedConnectionFactory();
        mcf.setPeers("b=127.0.0.1:" + freePort());
        mcf.setResourceAdapter(ra);
        TcpManagedConnection mc = (TcpManagedConnection) mcf.createManagedConnection(null, null);
        AtomicInteger closedEvents = new AtomicInteger();
        mc.addConnectionEventListener(new ConnectionEventListener() {
            @Override
            public void connectionClosed(ConnectionEvent event) {
                closedEvents.incrementAndGet();
            }

            @Override
            public void localTransactionStarted(ConnectionEvent event) {
            }

            @Override
            public void localTransactionCommitted(ConnectionEvent event) {
            }

            @Override
            public void localTransactionRolledback(ConnectionEvent event) {
            }

            @Override
            public void connectionErrorOccurred(ConnectionEvent event) {
            }
        });
        TransportConnection h = (TransportConnection) mc.getConnection(null, null);
        h.send("b", 0, new byte[1]); // queued: b is not listening, send does not block or fail
        h.close();
        h.close();
        assertEquals(1, closedEvents.get(), "one CONNECTION_CLOSED per handle");
        assertThrows(IllegalStateException.class, () -> h.send("b", 0, new byte[1]));
        assertTrue(mcf.matchManagedConnections(java.util.Set.of(mc), null, null) == mc, "pooled connections match");
    }

    @Test
    void endpointActivationDeliversFramesToMessageEndpointsAndReleasesThem() throws Exception {
        startAdapter("a");
        int port = freePort();
        TcpActivationSpec spec = new TcpActivationSpec();
        spec.setListenPort(port);
        spec.setResourceAdapter(ra);
        spec.validate();
        ConcurrentLinkedQueue<Frame> delivered = new ConcurrentLinkedQueue<>();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger released = new AtomicInteger();
        MessageEndpointFactory factory = endpoints(delivered, created, released);
        ra.endpointActivation(factory, spec);
        CounterRegistry bCounters = new CounterRegistry();
        TcpSenderConfig bConfig = TcpSenderConfig.defaults("b", Map.of("a", new InetSocketAddress("127.0.0.1", port)))
                .withHeartbeat(50, 10);
        try (TcpSender b = new TcpSender(bConfig, bCounters, threads, new Random(2)).start()) {
            for (int s = 0; s < 4; s++) {
                b.send("a", s, ("to the MDB on " + s).getBytes());
            }
            await(() -> delivered.size() == 4, "the endpoints received four frames");
            assertTrue(created.get() >= 4, "one endpoint per inbound connection: " + created.get());
            // The adapter's counters are shared: a connection factory of the same adapter sees the inbound side too.
            TcpManagedConnectionFactory mcf = new TcpManagedConnectionFactory();
            mcf.setPeers("b=127.0.0.1:" + freePort());
            mcf.setResourceAdapter(ra);
            try (TransportConnection c = ((TransportConnectionFactory) mcf.createConnectionFactory()).getConnection()) {
                PeerStatistics fromB = c.statistics().get(0);
                assertEquals(4, fromB.framesIn(), "inbound frames counted for peer b: " + fromB);
            }
        }
        ra.endpointDeactivation(factory, spec);
        await(() -> released.get() == created.get(), "every endpoint released after deactivation");
    }

    @Test
    void badConfigurationFailsWithOneLineNamingTheProperty() throws Exception {
        ResourceAdapterInternalException noId = assertThrows(ResourceAdapterInternalException.class, () -> startAdapter(" "));
        assertTrue(noId.getMessage().contains("nodeId=") && noId.getMessage().contains("novacron.node.id"), noId.getMessage());

        TcpActivationSpec spec = new TcpActivationSpec();
        spec.setListenPort(70000);
        InvalidPropertyException badPort = assertThrows(InvalidPropertyException.class, spec::validate);
        assertTrue(badPort.getMessage().contains("listenPort=70000"), badPort.getMessage());

        startAdapter("a");
        TcpManagedConnectionFactory mcf = new TcpManagedConnectionFactory();
        mcf.setPeers("b=nowhere");
        mcf.setResourceAdapter(ra);
        TransportException badPeers = assertThrows(TransportException.class,
                () -> ((TransportConnectionFactory) mcf.createConnectionFactory()).getConnection());
        assertTrue(badPeers.getMessage().contains("peers: entry 'b=nowhere'"), badPeers.getMessage());
        assertFalse(badPeers.getMessage().contains("\n"));

        TcpManagedConnectionFactory queue = new TcpManagedConnectionFactory();
        queue.setQueueBytes(1L);
        assertThrows(IllegalArgumentException.class, () -> queue.senderConfig("a"), "queueBytes below maxFrameBytes");
    }

    @Test
    void nodeIdFallsBackToTheSystemProperty() throws Exception {
        String before = System.getProperty(TcpResourceAdapter.NODE_ID_PROPERTY);
        System.setProperty(TcpResourceAdapter.NODE_ID_PROPERTY, "n7");
        try {
            assertEquals("n7", startAdapter("").resolvedNodeId());
        } finally {
            if (before == null) {
                System.clearProperty(TcpResourceAdapter.NODE_ID_PROPERTY);
            } else {
                System.setProperty(TcpResourceAdapter.NODE_ID_PROPERTY, before);
            }
        }
    }

    @Test
    void managedConnectionFactoriesAreEqualByConfiguration() {
        TcpManagedConnectionFactory x = new TcpManagedConnectionFactory();
        TcpManagedConnectionFactory y = new TcpManagedConnectionFactory();
        x.setPeers("b=h:1");
        y.setPeers("b=h:1");
        assertEquals(x, y);
        assertEquals(x.hashCode(), y.hashCode());
        y.setStreams(8);
        assertFalse(x.equals(y));
    }

    /** Endpoints as the container makes them: proxies implementing MessageEndpoint and the listener interface. */
    private static MessageEndpointFactory endpoints(ConcurrentLinkedQueue<Frame> delivered, AtomicInteger created,
                                                    AtomicInteger released) {
        return new MessageEndpointFactory() {
            @Override
            public MessageEndpoint createEndpoint(XAResource xa) throws UnavailableException {
                created.incrementAndGet();
                return (MessageEndpoint) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[]{MessageEndpoint.class, FrameListener.class}, (proxy, m, args) -> switch (m.getName()) {
                            case "onFrame" -> {
                                delivered.add((Frame) args[0]);
                                yield null;
                            }
                            case "release" -> {
                                released.incrementAndGet();
                                yield null;
                            }
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            case "toString" -> "endpoint";
                            default -> null;
                        });
            }

            @Override
            public MessageEndpoint createEndpoint(XAResource xa, long timeout) throws UnavailableException {
                return createEndpoint(xa);
            }

            @Override
            public boolean isDeliveryTransacted(Method method) {
                return false;
            }

            @Override
            public String getActivationName() {
                return "test-mdb";
            }

            @Override
            public Class<?> getEndpointClass() {
                return FrameListener.class;
            }
        };
    }
}
