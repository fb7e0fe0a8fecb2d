package io.novacron.transport.tcp;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The frames one outbound stream coalesces into its next socket write, and the counting of what was written. It
 * exists so that a writer can write a batch out in the middle of a long payload and go on with the payload's next
 * part. Not thread-safe: a stream's writer thread owns it.
 * Invariant: payloads counts the DATA frames in the buffer, the frames that end an application payload.
 */
final class WriteBatch {

    private final OutputStream out;
    private final FrameCodec codec;
    private final int stream;
    private final PeerCounters counters;
    private final FrameBuffer buffer;
    private int payloads;

    WriteBatch(OutputStream out, FrameCodec codec, int stream, PeerCounters counters, int initialBytes) {
        this.out = out;
        this.codec = codec;
        this.stream = stream;
        this.counters = counters;
        this.buffer = new FrameBuffer(initialBytes);
    }

    /** Adds one frame whose payload is {@code payload[offset, offset + length)}. */
    void add(FrameType type, byte[] payload, int offset, int length) {
        codec.encode(type, stream, payload, offset, length, buffer);
        if (type == FrameType.DATA) {
            payloads++;
        }
    }

    /** Encoded bytes waiting for the next write. */
    int size() {
        return buffer.size();
    }

    /**
     * Writes the buffered frames in one socket write, if there are any, and counts them: bytes and writes as they
     * are on the wire, frames as application payloads (a payload split over several writes counts once, with the
     * write that carries its last part).
     */
    void flush() throws IOException {
        if (buffer.size() == 0) {
            return;
        }
        out.write(buffer.array(), 0, buffer.size());
        out.flush();
        counters.writesOut.incrementAndGet();
        counters.bytesOut.addAndGet(buffer.size());
        counters.framesOut.addAndGet(payloads);
        buffer.clear();
        payloads = 0;
    }
}
