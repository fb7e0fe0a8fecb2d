package io.novacron.transport.tcp;

import io.novacron.transport.PeerStatistics;
import io.novacron.transport.PeerUnknownException;
import io.novacron.transport.TransportBackpressureException;

import javax.net.ssl.SSLContext;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * A node's sending side: for each peer, {@code streams} connections, each with its own bounded queue, so that a
 * bulk transfer on one stream never waits behind or delays the control stream.
 * <p>
 * Threads: one per stream per peer (writer), one per peer (heartbeat acknowledgements) and one liveness watcher,
 * all taken from the injected executor (inside the server, the resource adapter's WorkManager). Blocking sockets
 * with this fixed number of threads keep the engine small and free of dependencies; a selector loop (or Netty)
 * would save threads only at peer counts a control plane does not have, and Netty in a RAR brings class-loading
 * and native-transport questions for no gain here.
 */
public final class TcpSender implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TcpSender.class.getName());

    private final TcpSenderConfig config;
    private final CounterRegistry counters;
    private final Executor executor;
    private final FrameCodec codec;
    private final SSLContext tls;
    private final Map<String, StreamLink[]> links = new LinkedHashMap<>();
    private final Object watchLock = new Object();
    private volatile boolean closed;

    /**
     * @param random seeds the reconnect jitter (tests pass a seeded one)
     */
    public TcpSender(TcpSenderConfig config, CounterRegistry counters, Executor executor, RandomGenerator random) {
        this.config = config.validate();
        this.counters = counters;
        this.executor = executor;
        this.codec = new FrameCodec(config.maxFrameBytes());
        this.tls = config.tls().enabled() ? TlsSockets.context(config.tls()) : null;
        for (Map.Entry<String, InetSocketAddress> peer : config.peers().entrySet()) {
            StreamLink[] perStream = new StreamLink[config.streams()];
            for (int i = 0; i < perStream.length; i++) {
                perStream[i] = new StreamLink(this, peer.getKey(), i, peer.getValue(), counters.of(peer.getKey()),
                        new Backoff(config.reconnectMinMs(), config.reconnectMaxMs(), random));
            }
            links.put(peer.getKey(), perStream);
        }
    }

    /** Starts connecting to every peer; frames sent before a connection is up wait in the (bounded) queues. */
    public TcpSender start() {
        for (StreamLink[] perStream : links.values()) {
            for (StreamLink link : perStream) {
                executor.execute(link);
            }
        }
        executor.execute(this::watchLiveness);
        return this;
    }

    /** See {@link io.novacron.transport.TransportConnection#send}. */
    public void send(String peerId, int stream, byte[] payload) {
        if (closed) {
            throw new IllegalStateException("transport is closed");
        }
        StreamLink[] perStream = links.get(peerId);
        if (perStream == null) {
            throw new PeerUnknownException("peer '" + peerId + "' is not configured; known peers: " + links.keySet());
        }
        if (stream < 0 || stream >= perStream.length) {
            throw new IllegalArgumentException("stream=" + stream + " is invalid; allowed: 0.." + (perStream.length - 1));
        }
        // A longer payload than maxFrameBytes is fine (the writer splits it); one that could never fit the queue is not.
        if (payload.length > config.queueBytes()) {
            throw new IllegalArgumentException("payload of " + payload.length + " B for peer '" + peerId + "' stream "
                    + stream + " is larger than queueBytes=" + config.queueBytes() + ", the bound of one stream's send"
                    + " queue, so it can never be queued; raise queueBytes (a connection factory property) above the"
                    + " largest payload");
        }
        StreamLink link = perStream[stream];
        if (!link.offer(payload)) {
            counters.of(peerId).rejectedFrames.incrementAndGet();
            throw new TransportBackpressureException("peer '" + peerId + "' stream " + stream + ": send queue full ("
                    + link.queuedFrames() + " frames, " + link.queuedBytes() + " B queued; bounds " + config.queueFrames()
                    + " frames, " + config.queueBytes() + " B): the peer or the network is slower than the sender");
        }
    }

    public List<String> peers() {
        return List.copyOf(links.keySet());
    }

    public int streamCount() {
        return config.streams();
    }

    /** Counters of every configured peer, outbound and (from the shared registry) inbound. */
    public List<PeerStatistics> statistics() {
        List<PeerStatistics> out = new ArrayList<>(links.size());
        links.forEach((id, perStream) -> {
            PeerCounters c = counters.of(id);
            int frames = 0;
            long bytes = 0;
            for (StreamLink l : perStream) {
                frames += l.queuedFrames();
                bytes += l.queuedBytes();
            }
            out.add(new PeerStatistics(id, perStream[0].alive, c.rttNanos.get(), c.bytesOut.get(), c.framesOut.get(),
                    c.writesOut.get(), c.bytesIn.get(), c.framesIn.get(), frames, bytes, c.reconnects.get(),
                    c.rejectedFrames.get()));
        });
        return out;
    }

    /** The last connect or connection error of a peer's stream, for diagnostics ("" when none). */
    public String lastError(String peerId, int stream) {
        StreamLink[] perStream = links.get(peerId);
        return perStream == null ? "" : perStream[stream].lastError();
    }

    /** Marks peers down that missed heartbeatMisses heartbeat answers in a row, and drops their connections. */
    private void watchLiveness() {
        long intervalNanos = TimeUnit.MILLISECONDS.toNanos(config.heartbeatIntervalMs());
        long silenceNanos = intervalNanos * config.heartbeatMisses();
        synchronized (watchLock) {
            while (!closed) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(watchLock, intervalNanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long now = System.nanoTime();
                links.forEach((id, perStream) -> {
                    StreamLink control = perStream[0];
                    if (control.alive && now - control.lastHeardNanos > silenceNanos) {
                        LOG.log(System.Logger.Level.WARNING, "peer {0}: no heartbeat answer for {1} intervals of {2} ms;"
                                + " marking it down and reconnecting", id, config.heartbeatMisses(), config.heartbeatIntervalMs());
                        for (StreamLink l : perStream) {
                            l.dropConnection();
                        }
                    }
                });
            }
        }
    }

    /** The peer's control stream connected: streams waiting out a backoff try again now. */
    void peerReachable(String peerId) {
        StreamLink[] perStream = links.get(peerId);
        for (int i = 1; i < perStream.length; i++) {
            perStream[i].retryNow();
        }
    }

    /** The peer's control connection ended: drop its other streams too, so that all reconnect together. */
    void peerLost(String peerId) {
        StreamLink[] perStream = links.get(peerId);
        for (int i = 1; i < perStream.length; i++) {
            perStream[i].dropConnection();
        }
    }

    /** Stops every stream; queued frames are dropped. */
    @Override
    public void close() {
        closed = true;
        for (StreamLink[] perStream : links.values()) {
            for (StreamLink l : perStream) {
                l.close();
            }
        }
        synchronized (watchLock) {
            watchLock.notifyAll();
        }
    }

    TcpSenderConfig config() {
        return config;
    }

    FrameCodec codec() {
        return codec;
    }

    SSLContext tls() {
        return tls;
    }

    void execute(Runnable task) {
        executor.execute(task);
    }
}
