package io.novacron.transport.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake peer that completes the HELLO handshake and then reads and discards everything without ever answering a
 * heartbeat: a node that is reachable but hung.
 */
final class SilentPeer implements AutoCloseable {

    private final ServerSocket server;
    private final ConcurrentLinkedQueue<Socket> sockets = new ConcurrentLinkedQueue<>();
    /** System.nanoTime() of the first HELLO_ACK sent on stream 0. */
    final AtomicLong firstControlAckNanos = new AtomicLong();
    final AtomicLong controlConnections = new AtomicLong();

    SilentPeer(String nodeId, ExecutorService threads) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        FrameCodec codec = new FrameCodec(1 << 20);
        threads.execute(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    sockets.add(s);
                    threads.execute(() -> {
                        try (s) {
                            InputStream in = s.getInputStream();
                            WireFrame hello = codec.readRequired(in);
                            s.getOutputStream().write(codec.encode(FrameType.HELLO_ACK, hello.stream(),
                                    nodeId.getBytes(StandardCharsets.UTF_8)));
                            if (hello.stream() == 0) {
                                firstControlAckNanos.compareAndSet(0, System.nanoTime());
                                controlConnections.incrementAndGet();
                            }
                            while (codec.read(in) != null) {
                                // heard, never answered
                            }
                        } catch (IOException ignored) {
                            // the sender dropped us: expected
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
