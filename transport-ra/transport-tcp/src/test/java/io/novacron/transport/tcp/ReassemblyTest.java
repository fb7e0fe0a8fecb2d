package io.novacron.transport.tcp;

import io.novacron.transport.FrameListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A receiver's reassembly of payloads longer than one frame, driven by a hand-written peer that can stop anywhere:
 * the bound, a connection cut inside a payload, and heartbeats between a payload's parts.
 */
class ReassemblyTest {

    private static final int FRAME_BYTES = 1024;
    private static final FrameCodec CODEC = new FrameCodec(FRAME_BYTES);

    private final ExecutorService threads = TestThreads.pool("reassembly");
    private final CollectingListener received = new CollectingListener();
    /** Connections whose reader has ended: once counted, a connection can deliver nothing more. */
    private final AtomicInteger ended = new AtomicInteger();
    private final TcpReceiver receiver;

    ReassemblyTest() throws IOException {
        ListenerSource source = new ListenerSource() {
            @Override
            public FrameListener open() {
                return received;
            }

            @Override
            public void release(FrameListener listener) {
                ended.incrementAndGet();
            }
        };
        receiver = new TcpReceiver(TcpReceiverConfig.defaults("b", "127.0.0.1", 0).withMaxFrameBytes(FRAME_BYTES),
                new CounterRegistry(), threads, source).start();
    }

    @AfterEach
    void stop() {
        receiver.close();
        threads.shutdownNow();
    }

    @Test
    void aPayloadOfExactlyTheBoundIsDeliveredAndOneByteMoreClosesTheConnectionWithNothingDelivered() throws IOException {
        int bound = 64 * FRAME_BYTES;
        byte[] whole = new byte[bound];
        new Random(5).nextBytes(whole);
        try (RawPeer x = new RawPeer(receiver.localPort(), 1)) {
            x.sendSplit(whole);
            Await.until(() -> received.count("x", 1) == 1, "a payload of exactly the bound delivered");
            assertArrayEquals(whole, received.frames("x", 1).get(0));

            for (int i = 0; i < 64; i++) {
                x.send(FrameType.CONTINUATION, new byte[FRAME_BYTES]);
            }
            x.send(FrameType.DATA, new byte[1]);
            assertTrue(x.closedByReceiver(), "the receiver closes the connection of a payload above its bound");
        }
        Await.until(() -> ended.get() == 1, "the refused connection's reader ended");
        assertEquals(1, received.total(), "nothing of the refused payload was delivered");
    }

    @Test
    void aConnectionCutInsideAPayloadDeliversNothingOfItAndTheNextConnectionStartsAfresh() throws IOException {
        try (RawPeer x = new RawPeer(receiver.localPort(), 2)) {
            x.send(FrameType.CONTINUATION, new byte[FRAME_BYTES]);
            x.send(FrameType.CONTINUATION, new byte[FRAME_BYTES]);
        } // cut: the DATA frame never comes
        Await.until(() -> ended.get() == 1, "the cut connection's reader ended");
        try (RawPeer x = new RawPeer(receiver.localPort(), 2)) {
            x.send(FrameType.CONTINUATION, "he".getBytes(StandardCharsets.UTF_8));
            x.send(FrameType.DATA, "llo".getBytes(StandardCharsets.UTF_8));
            Await.until(() -> received.count("x", 2) == 1, "the payload of the new connection delivered");
        }
        assertEquals(1, received.total(), "nothing of the cut payload was delivered");
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), received.frames("x", 2).get(0),
                "the new connection's payload carries nothing left over from the cut one");
    }

    @Test
    void aHeartbeatBetweenTheFramesOfAPayloadIsAnsweredAndDoesNotBreakIt() throws IOException {
        try (RawPeer x = new RawPeer(receiver.localPort(), 0)) {
            x.send(FrameType.CONTINUATION, new byte[]{1, 2});
            x.send(FrameType.HEARTBEAT, StreamLink.longBytes(77));
            WireFrame ack = CODEC.readRequired(x.in);
            assertEquals(FrameType.HEARTBEAT_ACK, ack.type());
            assertEquals(77, StreamLink.bytesLong(ack.payload()));
            x.send(FrameType.DATA, new byte[]{3});
            Await.until(() -> received.count("x", 0) == 1, "the payload delivered");
        }
        assertArrayEquals(new byte[]{1, 2, 3}, received.frames("x", 0).get(0));
    }

    /** A peer "x" that completed the HELLO handshake on one stream and writes whatever frames a test gives it. */
    private static final class RawPeer implements AutoCloseable {
        private final Socket socket;
        private final int stream;
        final InputStream in;
        private final OutputStream out;

        RawPeer(int port, int stream) throws IOException {
            this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
            this.stream = stream;
            socket.setSoTimeout((int) Await.DEFAULT.toMillis());
            in = socket.getInputStream();
            out = socket.getOutputStream();
            send(FrameType.HELLO, "x".getBytes(StandardCharsets.UTF_8));
            assertEquals(FrameType.HELLO_ACK, CODEC.readRequired(in).type());
        }

        void send(FrameType type, byte[] payload) throws IOException {
            out.write(CODEC.encode(type, stream, payload));
            out.flush();
        }

        /** Sends a payload as the transport's sender does: full CONTINUATION frames, then DATA with the rest. */
        void sendSplit(byte[] payload) throws IOException {
            FrameBuffer b = new FrameBuffer(payload.length + 1024);
            int offset = 0;
            for (; payload.length - offset > FRAME_BYTES; offset += FRAME_BYTES) {
                CODEC.encode(FrameType.CONTINUATION, stream, payload, offset, FRAME_BYTES, b);
            }
            CODEC.encode(FrameType.DATA, stream, payload, offset, payload.length - offset, b);
            out.write(b.array(), 0, b.size());
            out.flush();
        }

        /** Whether the receiver closed the connection (end of stream or reset) within the read timeout. */
        boolean closedByReceiver() throws IOException {
            ByteArrayOutputStream unexpected = new ByteArrayOutputStream();
            try {
                for (int b = in.read(); b >= 0; b = in.read()) {
                    unexpected.write(b);
                }
                return unexpected.size() == 0;
            } catch (SocketException reset) {
                return unexpected.size() == 0;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
