package io.novacron.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import io.novacron.transport.tcp.CounterRegistry;
import io.novacron.transport.tcp.TcpSender;
import io.novacron.transport.tcp.TcpSenderConfig;

/**
 * The TCP resource adapter embedded in the EAR: a peer node, played here by the plain-Java engine, sends frames to
 * the server's transport port on several streams, and the message-driven bean behind the activation spec receives
 * them (counted per peer in the metrics).
 */
class TransportInboundApiIT {

    private static final String PEER = "it-peer";

    @Test
    void framesFromAPeerReachTheMessageDrivenBeanOnEveryStream() {
        ApiClient.anonymous().get("/health/ready"); // the shared server is up
        ExecutorService threads = Executors.newCachedThreadPool();
        TcpSenderConfig config = TcpSenderConfig.defaults(PEER,
                Map.of("node-1", InetSocketAddress.createUnresolved("127.0.0.1", NovaCronServer.CLUSTER_PORT)));
        try (TcpSender sender = new TcpSender(config, new CounterRegistry(), threads, new SplittableRandom(1)).start()) {
            NovaCronServer.awaitCondition("frames from " + PEER + " counted by the server", Duration.ofSeconds(60),
                    () -> {
                        for (int stream = 0; stream < sender.streamCount(); stream++) {
                            try {
                                sender.send("node-1", stream, new byte[] {1, 2, 3});
                            } catch (RuntimeException notConnectedYet) {
                                return false; // back-pressure while the streams connect: try again
                            }
                        }
                        return receivedFrames() >= 2 * sender.streamCount();
                    });
        } finally {
            threads.shutdownNow();
        }
        assertTrue(receivedFrames() >= 8);
    }

    private static double receivedFrames() {
        String metrics = ApiClient.anonymous().get("/metrics?scope=application").body();
        String prefix = "novacron_transport_frames_received_total{mp_scope=\"application\",peer=\"" + PEER + "\",}";
        for (String line : metrics.split("\n")) {
            if (line.startsWith(prefix)) {
                return Double.parseDouble(line.substring(prefix.length()).trim());
            }
        }
        return 0;
    }
}
