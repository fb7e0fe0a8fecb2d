package io.novacron.transport.tcp;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One outbound stream to one peer: a bounded queue and the long-running task that connects (with backoff),
 * says HELLO, and writes queued frames in batches. The control stream (0) also sends heartbeats and runs a reader
 * for their acknowledgements. The queue holds whole payloads, however many frames one takes on the wire, so a payload
 * counts whole against the bounds and is queued entirely or not at all; the writer splits it.
 * Invariant: queuedBytes is the sum of the payload lengths in the queue.
 */
final class StreamLink implements Runnable {

    private static final System.Logger LOG = System.getLogger(StreamLink.class.getName());
    /** Put in the queue by {@link #close()} to wake a writer waiting on it; compared by identity. */
    private static final byte[] WAKE = new byte[0];

    final String peerId;
    final int stream;
    private final InetSocketAddress address;
    private final TcpSender owner;
    private final TcpSenderConfig config;
    private final PeerCounters counters;
    private final ArrayBlockingQueue<byte[]> queue;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Backoff backoff;
    private final Object pauseLock = new Object();

    private volatile boolean closed;
    /** Set when the peer was just seen reachable: the current backoff pause ends early. Guarded by pauseLock. */
    private boolean retryNow;
    private volatile Socket socket;
    private volatile String lastError = "";
    private boolean everConnected;
    /** Control stream's writer only: when the next heartbeat is due, System.nanoTime(). */
    private long nextHeartbeatNanos;

    /** Control stream only: connected and answering heartbeats (cleared when the peer is marked down). */
    volatile boolean alive;
    /** Control stream only: when the peer was last heard from (connect or HEARTBEAT_ACK), System.nanoTime(). */
    volatile long lastHeardNanos;

    StreamLink(TcpSender owner, String peerId, int stream, InetSocketAddress address, PeerCounters counters,
               Backoff backoff) {
        this.owner = owner;
        this.config = owner.config();
        this.peerId = peerId;
        this.stream = stream;
        this.address = address;
        this.counters = counters;
        this.backoff = backoff;
        this.queue = new ArrayBlockingQueue<>(config.queueFrames());
    }

    /** Queues a payload unless a bound would be exceeded; never blocks. */
    boolean offer(byte[] payload) {
        if (queuedBytes.addAndGet(payload.length) > config.queueBytes()) {
            queuedBytes.addAndGet(-payload.length);
            return false;
        }
        if (!queue.offer(payload)) {
            queuedBytes.addAndGet(-payload.length);
            return false;
        }
        return true;
    }

    int queuedFrames() {
        return queue.size();
    }

    long queuedBytes() {
        return queuedBytes.get();
    }

    String lastError() {
        return lastError;
    }

    @Override
    public void run() {
        while (!closed) {
            Socket s;
            try {
                s = connect();
            } catch (IOException | RuntimeException e) {
                lastError = e.getMessage() == null ? e.toString() : e.getMessage();
                LOG.log(System.Logger.Level.DEBUG, "peer {0} stream {1}: connect failed: {2}", peerId, stream, lastError);
                if (!pause(backoff.nextDelayMs())) {
                    break;
                }
                continue;
            }
            if (everConnected) {
                counters.reconnects.incrementAndGet();
            }
            everConnected = true;
            backoff.reset();
            socket = s;
            if (closed) { // close() may have run between connect() and the assignment above
                quietly(s);
                break;
            }
            if (stream == 0) {
                lastHeardNanos = System.nanoTime();
                alive = true;
                owner.execute(() -> readAcks(s));
                owner.peerReachable(peerId); // the other streams need not sit out their backoff: the peer is up
            }
            try {
                pump(s);
            } catch (IOException e) {
                lastError = String.valueOf(e.getMessage());
                if (!closed) {
                    LOG.log(System.Logger.Level.INFO, "peer {0} stream {1}: connection lost: {2}", peerId, stream, lastError);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed = true;
            } finally {
                alive = false;
                socket = null;
                quietly(s);
            }
            if (!closed && !pause(backoff.nextDelayMs())) {
                break;
            }
        }
    }

    /** Connects, runs the TLS handshake when configured, and exchanges HELLO / HELLO_ACK. */
    private Socket connect() throws IOException {
        Socket raw = new Socket();
        Socket s = raw;
        try {
            raw.setTcpNoDelay(true); // batching is ours: Nagle would only add latency to the control stream
            raw.setKeepAlive(true);
            raw.connect(new InetSocketAddress(address.getHostString(), address.getPort()), (int) config.connectTimeoutMs());
            raw.setSoTimeout((int) config.connectTimeoutMs());
            if (owner.tls() != null) {
                SSLSocket ssl = (SSLSocket) owner.tls().getSocketFactory()
                        .createSocket(raw, address.getHostString(), address.getPort(), true);
                s = ssl;
                ssl.setEnabledProtocols(TlsSockets.protocols());
                ssl.setUseClientMode(true);
                ssl.startHandshake();
                String certified = TlsSockets.peerNodeId(ssl.getSession());
                if (!certified.equals(peerId)) {
                    throw new IOException("the peer at " + address + " presented a certificate for node '" + certified
                            + "', expected '" + peerId + "'");
                }
            }
            OutputStream out = s.getOutputStream();
            out.write(owner.codec().encode(FrameType.HELLO, stream, config.nodeId().getBytes(StandardCharsets.UTF_8)));
            out.flush();
            WireFrame reply = owner.codec().readRequired(s.getInputStream());
            String text = new String(reply.payload(), StandardCharsets.UTF_8);
            if (reply.type() == FrameType.REJECT) {
                throw new IOException("refused by peer " + peerId + ": " + text);
            }
            if (reply.type() != FrameType.HELLO_ACK || !text.equals(peerId)) {
                throw new IOException("the peer at " + address + " answered " + reply.type() + " '" + text
                        + "', expected HELLO_ACK '" + peerId + "'");
            }
            s.setSoTimeout(0);
            return s;
        } catch (IOException | RuntimeException e) {
            quietly(s);
            throw e;
        }
    }

    /**
     * Writes queued payloads, coalescing frames up to batchBytes per socket write, plus heartbeats on the control
     * stream. Invariant: a payload's frame is added to the batch only while it holds less than batchBytes (or just a
     * heartbeat), so the batch never holds more than batchBytes plus one frame and a heartbeat, however long a
     * payload is.
     */
    private void pump(Socket s) throws IOException, InterruptedException {
        WriteBatch batch = new WriteBatch(s.getOutputStream(), owner.codec(), stream, counters,
                Math.min(config.batchBytes(), 1 << 16) + 64);
        nextHeartbeatNanos = System.nanoTime();
        while (!closed) {
            if (s.isClosed()) {
                throw new IOException("connection dropped (peer marked down or its control connection lost)");
            }
            byte[] p;
            if (stream == 0) {
                long wait = nextHeartbeatNanos - System.nanoTime();
                p = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
            } else {
                p = queue.take();
            }
            heartbeatIfDue(batch);
            while (p != null && p != WAKE) {
                queuedBytes.addAndGet(-p.length);
                addPayload(p, batch);
                if (batch.size() >= config.batchBytes()) {
                    break;
                }
                p = queue.poll();
            }
            batch.flush();
        }
    }

    /**
     * Adds one payload to the batch: as one DATA frame when it fits maxFrameBytes, otherwise as CONTINUATION frames
     * of maxFrameBytes and a DATA frame with the rest (see {@link FrameType#CONTINUATION}). A full batch is written
     * out between parts, and on the control stream a heartbeat that falls due goes between them, so that a long
     * payload neither grows the batch nor makes the peer look silent.
     */
    private void addPayload(byte[] p, WriteBatch batch) throws IOException {
        int max = config.maxFrameBytes();
        int offset = 0;
        while (p.length - offset > max) {
            batch.add(FrameType.CONTINUATION, p, offset, max);
            offset += max;
            if (batch.size() >= config.batchBytes()) {
                batch.flush();
                heartbeatIfDue(batch);
            }
        }
        batch.add(FrameType.DATA, p, offset, p.length - offset);
    }

    /** Control stream: adds a HEARTBEAT to the batch when one is due. */
    private void heartbeatIfDue(WriteBatch batch) {
        if (stream == 0 && System.nanoTime() - nextHeartbeatNanos >= 0) {
            byte[] now = longBytes(System.nanoTime());
            batch.add(FrameType.HEARTBEAT, now, 0, now.length);
            nextHeartbeatNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.heartbeatIntervalMs());
        }
    }

    /** Control stream: reads HEARTBEAT_ACKs until the socket closes, recording RTT and liveness. */
    private void readAcks(Socket s) {
        try {
            InputStream in = s.getInputStream();
            for (WireFrame f = owner.codec().read(in); f != null; f = owner.codec().read(in)) {
                if (f.type() != FrameType.HEARTBEAT_ACK || f.payload().length != 8) {
                    throw new FrameFormatException("unexpected " + f.type() + " on the control stream's return path");
                }
                long now = System.nanoTime();
                counters.rttNanos.set(Math.max(1, now - bytesLong(f.payload())));
                lastHeardNanos = now;
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "peer {0}: heartbeat reader ends: {1}", peerId, e.getMessage());
        } finally {
            quietly(s);
            if (!closed) {
                owner.peerLost(peerId); // the peer is gone or restarting: let every stream reconnect now, not on its next write
            }
        }
    }

    /** Drops the current connection (the peer was marked down); the task reconnects with backoff. */
    void dropConnection() {
        alive = false;
        Socket s = socket;
        if (s != null) {
            quietly(s);
            queue.offer(WAKE); // a writer waiting on an empty queue would otherwise learn of it only on its next frame
        }
    }

    /** Stops the task: closes the socket and wakes the writer wherever it waits. */
    void close() {
        closed = true;
        queue.offer(WAKE); // if the queue is full the writer is not waiting on it
        Socket s = socket;
        if (s != null) {
            quietly(s);
        }
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
    }

    /** Ends a backoff pause now (the control stream just connected to the same peer). */
    void retryNow() {
        synchronized (pauseLock) {
            retryNow = true;
            pauseLock.notifyAll();
        }
    }

    /** Waits for the backoff delay, or until {@link #retryNow()}; false when closed meanwhile. */
    private boolean pause(long delayMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs);
        synchronized (pauseLock) {
            while (!closed) {
                if (retryNow) {
                    retryNow = false;
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(pauseLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    static long bytesLong(byte[] b) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[i] & 0xFF);
        }
        return v;
    }

    static void quietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing is best effort: the socket is abandoned either way
        }
    }
}
