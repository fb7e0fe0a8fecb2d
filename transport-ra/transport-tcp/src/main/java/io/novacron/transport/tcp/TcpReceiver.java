package io.novacron.transport.tcp;

import io.novacron.transport.Frame;
import io.novacron.transport.FrameListener;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * A node's receiving side: listens on one address, checks each connection's HELLO (stream in range, peer allowed,
 * and with TLS the certificate's CN equal to the claimed node id), then hands DATA frames to a listener and
 * answers heartbeats. The listener is called on the connection's own thread, in order; while it is busy nothing is
 * read, so a slow listener pushes back on the sender through TCP flow control instead of filling memory here.
 * <p>
 * A payload longer than maxFrameBytes comes as CONTINUATION frames ended by a DATA frame on the same connection;
 * the connection's {@link PartialPayload} collects them, bounded by {@link TcpReceiverConfig#maxPayloadBytes()}, and
 * the listener gets the whole payload as one frame. A connection that ends or breaks inside a payload drops it:
 * delivery is at most once, and never partial.
 * Threads: one acceptor plus one per connection, at most maxConnections, from the injected executor.
 */
public final class TcpReceiver implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TcpReceiver.class.getName());

    private final TcpReceiverConfig config;
    private final CounterRegistry counters;
    private final Executor executor;
    private final ListenerSource listeners;
    private final FrameCodec codec;
    private final SSLContext tls;
    private final Semaphore slots;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile boolean closed;

    public TcpReceiver(TcpReceiverConfig config, CounterRegistry counters, Executor executor, ListenerSource listeners) {
        this.config = config.validate();
        this.counters = counters;
        this.executor = executor;
        this.listeners = listeners;
        this.codec = new FrameCodec(config.maxFrameBytes());
        this.tls = config.tls().enabled() ? TlsSockets.context(config.tls()) : null;
        this.slots = new Semaphore(config.maxConnections());
    }

    /** Binds the listen address (failing here, not later, when it is taken) and starts accepting. */
    public TcpReceiver start() throws IOException {
        ServerSocket s = tls != null ? tls.getServerSocketFactory().createServerSocket() : new ServerSocket();
        try {
            if (s instanceof SSLServerSocket ssl) {
                ssl.setNeedClientAuth(true); // mutual TLS: a connector without a trusted certificate fails the handshake
                ssl.setEnabledProtocols(TlsSockets.protocols());
            }
            s.setReuseAddress(true); // a restarted node must get its port back while old connections sit in TIME_WAIT
            s.bind(new InetSocketAddress(config.listenHost(), config.listenPort()), 128);
        } catch (IOException e) {
            s.close();
            throw new IOException("cannot listen on " + config.listenHost() + ":" + config.listenPort() + ": "
                    + e.getMessage(), e);
        }
        server = s;
        executor.execute(this::acceptLoop);
        return this;
    }

    /** The bound port (useful when listenPort was 0). */
    public int localPort() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.ERROR, "accepting on port {0} failed: {1}", localPort(), e.getMessage());
                }
                return;
            }
            if (!slots.tryAcquire()) {
                LOG.log(System.Logger.Level.WARNING, "refusing a connection from {0}: maxConnections={1} reached",
                        s.getRemoteSocketAddress(), config.maxConnections());
                StreamLink.quietly(s);
                continue;
            }
            open.add(s);
            try {
                executor.execute(() -> serve(s));
            } catch (RejectedExecutionException e) {
                LOG.log(System.Logger.Level.WARNING, "no thread for a connection from {0}: {1}",
                        s.getRemoteSocketAddress(), e.getMessage());
                forget(s);
            }
        }
    }

    private void serve(Socket s) {
        FrameListener listener = null;
        String peer = "?";
        PartialPayload partial = new PartialPayload(config.maxPayloadBytes());
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout((int) config.handshakeTimeoutMs());
            if (s instanceof SSLSocket ssl) {
                ssl.startHandshake();
            }
            InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16);
            OutputStream out = s.getOutputStream();
            WireFrame hello = codec.readRequired(in);
            peer = new String(hello.payload(), StandardCharsets.UTF_8);
            String refusal = refusal(hello, peer, s);
            if (refusal != null) {
                LOG.log(System.Logger.Level.WARNING, "refused a connection from {0}: {1}", s.getRemoteSocketAddress(), refusal);
                out.write(codec.encode(FrameType.REJECT, hello.stream(), refusal.getBytes(StandardCharsets.UTF_8)));
                out.flush();
                return;
            }
            int stream = hello.stream();
            out.write(codec.encode(FrameType.HELLO_ACK, stream, config.nodeId().getBytes(StandardCharsets.UTF_8)));
            out.flush();
            s.setSoTimeout(0);
            PeerCounters c = counters.of(peer);
            listener = listeners.open();
            for (WireFrame f = codec.read(in); f != null; f = codec.read(in)) {
                c.bytesIn.addAndGet(f.wireBytes());
                switch (f.type()) {
                    case CONTINUATION -> partial.append(f.payload());
                    case DATA -> {
                        byte[] payload = partial.complete(f.payload());
                        c.framesIn.incrementAndGet(); // payloads, not wire frames: a split payload counts once
                        deliver(listener, new Frame(peer, stream, payload));
                    }
                    case HEARTBEAT -> {
                        out.write(codec.encode(FrameType.HEARTBEAT_ACK, stream, f.payload()));
                        out.flush();
                    }
                    default -> throw new FrameFormatException("unexpected " + f.type() + " after the handshake");
                }
            }
            if (!partial.isEmpty()) {
                throw new FrameFormatException("the stream ended inside a payload");
            }
        } catch (Exception e) {
            if (!closed) {
                String dropped = partial.isEmpty() ? "" : "; dropped the " + partial.pendingBytes() + " B in "
                        + partial.parts() + " frames received of a payload in progress (delivery is at most once)";
                // A refused payload is a configuration mismatch the sender sees only as reconnects: say it louder.
                LOG.log(e instanceof PartialPayload.TooLong ? System.Logger.Level.WARNING : System.Logger.Level.INFO,
                        "connection from {0} (node {1}) ends: {2}{3}", s.getRemoteSocketAddress(), peer, e.getMessage(),
                        dropped);
            }
        } finally {
            partial.clear();
            if (listener != null) {
                listeners.release(listener);
            }
            forget(s);
        }
    }

    /** Why a HELLO is refused, or null when it is accepted. */
    private String refusal(WireFrame hello, String claimed, Socket s) throws IOException {
        if (hello.type() != FrameType.HELLO) {
            return "expected HELLO, got " + hello.type();
        }
        if (hello.stream() >= config.streams()) {
            return "stream " + hello.stream() + " is out of range; this node accepts streams 0.." + (config.streams() - 1);
        }
        if (claimed.isBlank() || claimed.equals(config.nodeId())) {
            return "node id '" + claimed + "' is blank or this node's own";
        }
        if (!config.allowedPeers().isEmpty() && !config.allowedPeers().contains(claimed)) {
            return "node '" + claimed + "' is not among the allowed peers";
        }
        if (s instanceof SSLSocket ssl) {
            String certified = TlsSockets.peerNodeId(ssl.getSession());
            if (!certified.equals(claimed)) {
                return "the certificate names node '" + certified + "' but HELLO claims '" + claimed + "'";
            }
        }
        return null;
    }

    private void deliver(FrameListener listener, Frame frame) {
        try {
            listener.onFrame(frame);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "frame listener failed on " + frame + "; going on with the next frame", e);
        }
    }

    private void forget(Socket s) {
        if (open.remove(s)) {
            slots.release();
        }
        StreamLink.quietly(s);
    }

    /** Stops listening and closes every inbound connection. */
    @Override
    public void close() {
        closed = true;
        ServerSocket s = server;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
        }
        for (Socket c : open) {
            forget(c);
        }
    }
}
