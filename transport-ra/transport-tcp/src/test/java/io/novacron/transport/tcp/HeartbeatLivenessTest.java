package io.novacron.transport.tcp;

import io.novacron.transport.PeerStatistics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A peer that stops answering heartbeats is marked down after heartbeatMisses intervals; a live one is not. */
class HeartbeatLivenessTest {

    @Test
    void aSilentPeerIsMarkedDownAfterTheConfiguredMissesAndALiveOneStaysUp() throws IOException {
        long intervalMs = 50;
        int misses = 6; // 300 ms: wide enough that a loaded 2-core CI machine does not drop the live peer
        ExecutorService threads = TestThreads.pool("hb");
        CounterRegistry counters = new CounterRegistry();
        try (SilentPeer silent = new SilentPeer("s", threads);
             TcpReceiver live = new TcpReceiver(TcpReceiverConfig.defaults("b", "127.0.0.1", 0), new CounterRegistry(),
                     threads, ListenerSource.shared(f -> { })).start()) {
            Map<String, InetSocketAddress> peers = new LinkedHashMap<>();
            peers.put("s", new InetSocketAddress("127.0.0.1", silent.port()));
            peers.put("b", new InetSocketAddress("127.0.0.1", live.localPort()));
            TcpSenderConfig config = TcpSenderConfig.defaults("a", peers).withHeartbeat(intervalMs, misses).withReconnect(500, 1000);
            try (TcpSender a = new TcpSender(config, counters, threads, new Random(5)).start()) {
                Await.until(() -> stats(a, "s").connected(), "a connected to the silent peer");
                Await.until(() -> !stats(a, "s").connected(), "the silent peer marked down");
                long downAfterMs = (System.nanoTime() - silent.firstControlAckNanos.get()) / 1_000_000;
                assertTrue(downAfterMs >= intervalMs * misses,
                        "marked down " + downAfterMs + " ms after connecting; must wait " + misses + " x " + intervalMs + " ms");
                assertEquals(-1, stats(a, "s").rttNanos(), "no RTT from a peer that never answered");
                Await.until(() -> silent.controlConnections.get() >= 2, "a reconnects to the silent peer after dropping it");
                PeerStatistics b = stats(a, "b");
                assertTrue(b.connected() && b.rttNanos() > 0, "the live peer stayed up meanwhile: " + b);
                assertEquals(0, b.reconnects(), "the live peer was never dropped");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static PeerStatistics stats(TcpSender s, String peer) {
        return s.statistics().stream().filter(p -> p.peerId().equals(peer)).findFirst().orElseThrow();
    }
}
