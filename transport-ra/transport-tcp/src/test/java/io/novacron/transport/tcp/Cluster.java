package io.novacron.transport.tcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.function.UnaryOperator;

/** Nodes named a, b, c… on loopback ports reserved up front, each with a collecting listener. */
final class Cluster implements AutoCloseable {

    final List<String> ids;
    final Map<String, Integer> ports = new LinkedHashMap<>();
    final Map<String, CollectingListener> received = new LinkedHashMap<>();
    final Map<String, TcpTransport> nodes = new LinkedHashMap<>();
    private final ExecutorService threads = TestThreads.pool("tcp");
    private final UnaryOperator<TcpSenderConfig> senderTuning;
    private final UnaryOperator<TcpReceiverConfig> receiverTuning;

    Cluster(List<String> ids, UnaryOperator<TcpSenderConfig> senderTuning, UnaryOperator<TcpReceiverConfig> receiverTuning) {
        this.ids = ids;
        this.senderTuning = senderTuning;
        this.receiverTuning = receiverTuning;
        int[] free = Ports.free(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            ports.put(ids.get(i), free[i]);
            received.put(ids.get(i), new CollectingListener());
        }
    }

    /** Fast timers for tests: 50 ms heartbeats, down after 10 misses (a loaded CI machine must not drop live peers), 10..200 ms backoff. */
    static TcpSenderConfig fast(TcpSenderConfig c) {
        return c.withHeartbeat(50, 10).withReconnect(10, 200);
    }

    Cluster startAll() {
        ids.forEach(this::start);
        return this;
    }

    TcpTransport start(String id) {
        Map<String, InetSocketAddress> peers = new LinkedHashMap<>();
        ports.forEach((peer, port) -> {
            if (!peer.equals(id)) {
                peers.put(peer, new InetSocketAddress("127.0.0.1", port));
            }
        });
        TcpSenderConfig s = senderTuning.apply(fast(TcpSenderConfig.defaults(id, peers)));
        TcpReceiverConfig r = receiverTuning.apply(TcpReceiverConfig.defaults(id, "127.0.0.1", ports.get(id)))
                .withStreams(s.streams());
        TcpTransport t = new TcpTransport(s, r, threads, ListenerSource.shared(received.get(id)), new Random(id.hashCode()));
        try {
            t.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        nodes.put(id, t);
        return t;
    }

    void stop(String id) {
        nodes.remove(id).close();
    }

    TcpTransport node(String id) {
        return nodes.get(id);
    }

    CollectingListener at(String id) {
        return received.get(id);
    }

    void awaitConnected() {
        for (String id : nodes.keySet()) {
            for (String peer : nodes.keySet()) {
                if (!peer.equals(id)) {
                    Await.until(() -> node(id).statistics(peer).connected(), id + " connected to " + peer);
                }
            }
        }
    }

    @Override
    public void close() {
        nodes.values().forEach(TcpTransport::close);
        threads.shutdownNow();
    }
}
