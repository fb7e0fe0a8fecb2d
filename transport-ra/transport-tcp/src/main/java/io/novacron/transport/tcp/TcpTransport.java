package io.novacron.transport.tcp;

import io.novacron.transport.PeerStatistics;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * One node's whole transport outside a container: a receiver and a sender sharing one set of counters.
 * Inside the server the resource adapter runs the two halves itself (the activation spec owns the receiver,
 * the connection factory the sender).
 */
public final class TcpTransport implements AutoCloseable {

    private final CounterRegistry counters = new CounterRegistry();
    private final TcpReceiver receiver;
    private final TcpSender sender;

    public TcpTransport(TcpSenderConfig senderConfig, TcpReceiverConfig receiverConfig, Executor executor,
                        ListenerSource listeners, RandomGenerator random) {
        this.receiver = new TcpReceiver(receiverConfig, counters, executor, listeners);
        this.sender = new TcpSender(senderConfig, counters, executor, random);
    }

    /** Listens first, so that peers connecting to this node find it, then starts connecting to them. */
    public TcpTransport start() throws IOException {
        receiver.start();
        sender.start();
        return this;
    }

    public void send(String peerId, int stream, byte[] payload) {
        sender.send(peerId, stream, payload);
    }

    public List<PeerStatistics> statistics() {
        return sender.statistics();
    }

    /** One peer's counters. */
    public PeerStatistics statistics(String peerId) {
        return sender.statistics().stream().filter(p -> p.peerId().equals(peerId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no peer " + peerId));
    }

    public TcpSender sender() {
        return sender;
    }

    public int localPort() {
        return receiver.localPort();
    }

    @Override
    public void close() {
        sender.close();
        receiver.close();
    }
}
