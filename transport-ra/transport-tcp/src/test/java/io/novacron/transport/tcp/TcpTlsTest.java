package io.novacron.transport.tcp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutual TLS: nodes a, b, c trust each other's certificates; "mallory" holds a certificate nobody trusts. The node id
 * a peer claims in HELLO must be the CN of its certificate, and the node a connector reaches must be the one it dialled.
 */
class TcpTlsTest {

    @TempDir
    static Path dir;
    static TestCertificates certs;

    private final ExecutorService threads = TestThreads.pool("tls");
    private final CollectingListener atB = new CollectingListener();
    private TcpReceiver b;
    private TcpSender sender;

    @BeforeAll
    static void makeCertificates() throws IOException, InterruptedException {
        certs = new TestCertificates(dir).make(List.of("a", "b", "c", "mallory"), List.of("a", "b", "c"));
    }

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.close();
        }
        if (b != null) {
            b.close();
        }
        threads.shutdownNow();
    }

    /** Node b listening with its own certificate (or another's, to test the connector's check). */
    private int startB(String certificateOf) throws IOException {
        b = new TcpReceiver(TcpReceiverConfig.defaults("b", "127.0.0.1", 0).withTls(certs.tlsFor(certificateOf)),
                new CounterRegistry(), threads, ListenerSource.shared(atB)).start();
        return b.localPort();
    }

    /** A sender that calls itself {@code nodeId} and presents the certificate of {@code certificateOf}. */
    private TcpSender startSender(String nodeId, String certificateOf, int port) {
        TcpSenderConfig config = Cluster.fast(TcpSenderConfig.defaults(nodeId, Map.of("b", new InetSocketAddress("127.0.0.1", port))))
                .withTls(certs.tlsFor(certificateOf));
        sender = new TcpSender(config, new CounterRegistry(), threads, new Random(1)).start();
        return sender;
    }

    @Test
    void peersWithTrustedCertificatesExchangeFramesAndHeartbeats() throws IOException {
        TcpSender a = startSender("a", "a", startB("b"));
        for (int s = 0; s < 4; s++) {
            a.send("b", s, ("over TLS on " + s).getBytes());
        }
        Await.until(() -> atB.total() == 4, "b received the four frames");
        assertEquals("over TLS on 2", new String(atB.frames("a", 2).get(0)));
        Await.until(() -> a.statistics().get(0).rttNanos() > 0, "heartbeats answered over TLS");
    }

    @Test
    void aPeerWithoutATrustedCertificateIsRefused() throws IOException {
        TcpSender m = startSender("mallory", "mallory", startB("b"));
        m.send("b", 0, "let me in".getBytes());
        Await.until(() -> !m.lastError("b", 0).isEmpty(), "mallory's connection failed");
        Await.until(() -> m.statistics().get(0).reconnects() == 0 && !m.lastError("b", 1).isEmpty(),
                "every stream of mallory failed");
        assertEquals(0, atB.total(), "nothing from an untrusted peer is delivered");
        assertTrue(!m.statistics().get(0).connected(), "never connected");
    }

    @Test
    void aTrustedCertificateForAnotherNodeIdIsRefused() throws IOException {
        TcpSender impostor = startSender("a", "c", startB("b")); // claims to be a, holds c's (trusted) certificate
        impostor.send("b", 0, "I am a".getBytes());
        Await.until(() -> impostor.lastError("b", 0).contains("the certificate names node 'c' but HELLO claims 'a'"),
                "b refused the impostor naming the mismatch; last error: " + impostor.lastError("b", 0));
        assertEquals(0, atB.total());
    }

    @Test
    void theConnectorRefusesAListenerWhoseCertificateIsNotThePeerItDialled() throws IOException {
        TcpSender a = startSender("a", "a", startB("c")); // whoever listens at b's address holds c's certificate
        a.send("b", 0, "for b only".getBytes());
        Await.until(() -> a.lastError("b", 0).contains("presented a certificate for node 'c', expected 'b'"),
                "a refused the wrong listener; last error: " + a.lastError("b", 0));
        assertEquals(0, atB.total());
    }
}
