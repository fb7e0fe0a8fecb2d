package io.novacron.transport.tcp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;

/**
 * Encodes and decodes frames: a 10-byte header, the payload, and a CRC32C over header and payload.
 * <pre>
 *   magic  u16 = 0x4E43 ("NC")   version u8 = 1   type u8
 *   stream u16                   length  u32 (payload bytes, at most maxFrameBytes)
 *   payload[length]              crc32c  u32 (over the 10 header bytes and the payload)
 * </pre>
 * The length is checked against the limit before any allocation, so a corrupt or hostile length costs nothing.
 * The limit bounds one frame, not what an application sends: a longer payload travels as CONTINUATION frames ended by
 * a DATA frame (see {@link FrameType#CONTINUATION}), split by the sending stream and joined by the receiving one.
 */
public final class FrameCodec {

    public static final int MAGIC = 0x4E43;
    public static final int VERSION = 1;
    public static final int HEADER_BYTES = 10;
    public static final int TRAILER_BYTES = 4;
    public static final int MAX_STREAM = 0xFFFF;

    private final int maxFrameBytes;

    public FrameCodec(int maxFrameBytes) {
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes=" + maxFrameBytes + " is invalid; allowed: >= 1");
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    /** The largest payload this codec writes or accepts. */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** Appends the encoding of one frame to {@code out}. */
    public void encode(FrameType type, int stream, byte[] payload, FrameBuffer out) {
        encode(type, stream, payload, 0, payload.length, out);
    }

    /**
     * Appends the encoding of one frame whose payload is {@code payload[offset, offset + length)} to {@code out}, so
     * that the parts of a long payload are encoded without first being copied out of it.
     */
    public void encode(FrameType type, int stream, byte[] payload, int offset, int length, FrameBuffer out) {
        if (length > maxFrameBytes) {
            throw new IllegalArgumentException("frame payload of " + length + " B is larger than maxFrameBytes="
                    + maxFrameBytes);
        }
        if (stream < 0 || stream > MAX_STREAM) {
            throw new IllegalArgumentException("stream=" + stream + " is invalid; allowed: 0.." + MAX_STREAM);
        }
        if (offset < 0 || length < 0 || offset > payload.length - length) {
            throw new IndexOutOfBoundsException("part [" + offset + ", +" + length + ") of a " + payload.length
                    + " B payload");
        }
        int start = out.size();
        out.writeShort(MAGIC);
        out.writeByte(VERSION);
        out.writeByte(type.code);
        out.writeShort(stream);
        out.writeInt(length);
        out.write(payload, offset, length);
        CRC32C crc = new CRC32C();
        crc.update(out.array(), start, HEADER_BYTES + length);
        out.writeInt((int) crc.getValue());
    }

    /** The encoding of one frame on its own. */
    public byte[] encode(FrameType type, int stream, byte[] payload) {
        FrameBuffer b = new FrameBuffer(HEADER_BYTES + payload.length + TRAILER_BYTES);
        encode(type, stream, payload, b);
        return b.toByteArray();
    }

    /**
     * Reads one frame.
     *
     * @return the frame, or null when the stream ended cleanly at a frame boundary
     * @throws FrameFormatException the bytes are not a valid frame, or the stream ended inside one
     */
    public WireFrame read(InputStream in) throws IOException {
        byte[] header = new byte[HEADER_BYTES];
        int first = readFully(in, header, 0, HEADER_BYTES);
        if (first == 0) {
            return null;
        }
        if (first < HEADER_BYTES) {
            throw new FrameFormatException("truncated frame: the stream ended after " + first + " of "
                    + HEADER_BYTES + " header bytes");
        }
        int magic = ((header[0] & 0xFF) << 8) | (header[1] & 0xFF);
        if (magic != MAGIC) {
            throw new FrameFormatException(String.format("bad frame magic 0x%04X, expected 0x%04X", magic, MAGIC));
        }
        if ((header[2] & 0xFF) != VERSION) {
            throw new FrameFormatException("unsupported frame version " + (header[2] & 0xFF) + ", expected " + VERSION);
        }
        FrameType type = FrameType.ofCode(header[3] & 0xFF);
        if (type == null) {
            throw new FrameFormatException("unknown frame type " + (header[3] & 0xFF));
        }
        int stream = ((header[4] & 0xFF) << 8) | (header[5] & 0xFF);
        long length = (((long) header[6] & 0xFF) << 24) | ((header[7] & 0xFF) << 16) | ((header[8] & 0xFF) << 8)
                | (header[9] & 0xFF);
        if (length > maxFrameBytes) {
            throw new FrameFormatException("frame length " + length + " B exceeds maxFrameBytes=" + maxFrameBytes
                    + "; refusing it before allocation");
        }
        byte[] payload = new byte[(int) length];
        int got = readFully(in, payload, 0, payload.length);
        if (got < payload.length) {
            throw new FrameFormatException("truncated frame: the stream ended after " + got + " of " + length
                    + " payload bytes");
        }
        byte[] trailer = new byte[TRAILER_BYTES];
        got = readFully(in, trailer, 0, TRAILER_BYTES);
        if (got < TRAILER_BYTES) {
            throw new FrameFormatException("truncated frame: the stream ended inside the checksum");
        }
        CRC32C crc = new CRC32C();
        crc.update(header);
        crc.update(payload);
        int expected = (int) crc.getValue();
        int actual = ((trailer[0] & 0xFF) << 24) | ((trailer[1] & 0xFF) << 16) | ((trailer[2] & 0xFF) << 8)
                | (trailer[3] & 0xFF);
        if (expected != actual) {
            throw new FrameFormatException(String.format("frame checksum mismatch: computed CRC32C 0x%08X, frame says 0x%08X",
                    expected, actual));
        }
        return new WireFrame(type, stream, payload);
    }

    /** Reads until len bytes or end of stream; returns how many were read. */
    private static int readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int r = in.read(b, off + n, len - n);
            if (r < 0) {
                return n;
            }
            n += r;
        }
        return n;
    }

    /** Reads exactly one frame or fails: for handshakes, where a clean end of stream is an error too. */
    public WireFrame readRequired(InputStream in) throws IOException {
        WireFrame f = read(in);
        if (f == null) {
            throw new EOFException("connection closed before a frame arrived");
        }
        return f;
    }
}
