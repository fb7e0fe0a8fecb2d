package io.novacron.transport.tcp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** validate() of the sender, receiver and TLS settings, and the peer list format. */
class ConfigTest {

    private static final Map<String, InetSocketAddress> PEERS = PeerAddresses.parse("b=127.0.0.1:7001,c=localhost:7002");

    static Stream<Arguments> invalid() {
        TcpSenderConfig s = TcpSenderConfig.defaults("a", PEERS);
        TcpReceiverConfig r = TcpReceiverConfig.defaults("a", "127.0.0.1", 7000);
        return Stream.of(
                Arguments.of((Supplier<Object>) () -> TcpSenderConfig.defaults(" ", PEERS).validate(), "nodeId= "),
                Arguments.of((Supplier<Object>) () -> TcpSenderConfig.defaults("b", PEERS).validate(), "peers="),
                Arguments.of((Supplier<Object>) () -> s.withStreams(0).validate(), "streams=0"),
                Arguments.of((Supplier<Object>) () -> s.withStreams(65).validate(), "streams=65"),
                Arguments.of((Supplier<Object>) () -> s.withQueue(0, 1 << 30).validate(), "queueFrames=0"),
                Arguments.of((Supplier<Object>) () -> s.withQueue(10, 10).validate(), "queueBytes=10"),
                Arguments.of((Supplier<Object>) () -> s.withHeartbeat(0, 3).validate(), "heartbeatIntervalMs=0"),
                Arguments.of((Supplier<Object>) () -> s.withHeartbeat(100, 0).validate(), "heartbeatMisses=0"),
                Arguments.of((Supplier<Object>) () -> s.withReconnect(100, 50).validate(), "reconnectMaxMs=50"),
                Arguments.of((Supplier<Object>) () -> s.withTls(new TlsConfig(true, "", "x", "t", "x", "PKCS12")).validate(),
                        "keyStorePath="),
                Arguments.of((Supplier<Object>) () -> r.withListenPort(70000).validate(), "listenPort=70000"),
                Arguments.of((Supplier<Object>) () -> r.withStreams(0).validate(), "streams=0"),
                Arguments.of((Supplier<Object>) () -> r.withMaxFrameBytes(0).validate(), "maxFrameBytes=0"),
                Arguments.of((Supplier<Object>) () -> PeerAddresses.parse("b=127.0.0.1"), "entry 'b=127.0.0.1'"),
                Arguments.of((Supplier<Object>) () -> PeerAddresses.parse("b=h:0"), "port in 'b=h:0'"),
                Arguments.of((Supplier<Object>) () -> PeerAddresses.parse("b=h:1,b=h:2"), "id 'b' appears twice"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsNonsenseWithOneLineNamingTheSetting(Supplier<Object> build, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("allowed"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void defaultsAreValidAndPeerListRoundTrips() {
        TcpSenderConfig.defaults("a", PEERS).validate();
        TcpReceiverConfig.defaults("a", "0.0.0.0", 0).validate();
        assertEquals("b=127.0.0.1:7001,c=localhost:7002", PeerAddresses.format(PEERS));
        assertTrue(PeerAddresses.parse(" ").isEmpty());
    }

    @Test
    void tlsWithUnreadableStoreFailsNamingTheSetting() {
        TlsConfig tls = TlsConfig.mutual("/nonexistent/key.p12", "pw", "/nonexistent/trust.p12", "pw");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TlsSockets.context(tls));
        assertTrue(e.getMessage().contains("keyStorePath=/nonexistent/key.p12"), e.getMessage());
    }
}
