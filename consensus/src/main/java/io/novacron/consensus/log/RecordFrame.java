package io.novacron.consensus.log;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk frame of one log record: {@code int payloadLength, int crc32c, long index, payload},
 * big-endian, where the CRC32C covers the index bytes then the payload bytes.
 *
 * <p>Why the index is inside the frame and the CRC: a frame that is intact but in the wrong place
 * (stale bytes, a misdirected write) is caught by comparing the index with the expected one, and a
 * length field that was damaged makes the CRC cover the wrong bytes and fail.
 */
final class RecordFrame {
    /** length (4) + crc (4) + index (8). */
    static final int HEADER_BYTES = 16;

    private RecordFrame() {
    }

    static int frameBytes(int payloadLength) {
        return HEADER_BYTES + payloadLength;
    }

    static int crc(long index, byte[] payload, int offset, int length) {
        CRC32C crc = new CRC32C();
        for (int shift = 56; shift >= 0; shift -= 8) {
            crc.update((int) (index >>> shift));
        }
        crc.update(payload, offset, length);
        return (int) crc.getValue();
    }

    /** Writes one frame at dst's position; the caller guarantees room for {@link #frameBytes}. */
    static void encode(ByteBuffer dst, long index, byte[] payload) {
        dst.putInt(payload.length);
        dst.putInt(crc(index, payload, 0, payload.length));
        dst.putLong(index);
        dst.put(payload);
    }

    /**
     * Checks the frame at {@code offset} of a heap buffer holding {@code limit} valid bytes.
     *
     * @return the frame's size in bytes if it is complete, has the expected index and a good CRC;
     *     otherwise a negative number, with the reason from {@link #problem}
     */
    static int check(byte[] bytes, int offset, int limit, long expectedIndex, int payloadSizeBytesMax) {
        return problem(bytes, offset, limit, expectedIndex, payloadSizeBytesMax) == null
                ? frameBytes(ByteBuffer.wrap(bytes, offset, HEADER_BYTES).getInt()) : -1;
    }

    /** Why the frame at {@code offset} is not valid, or null when it is. */
    static String problem(byte[] bytes, int offset, int limit, long expectedIndex, int payloadSizeBytesMax) {
        if (limit - offset < HEADER_BYTES) {
            return "incomplete header: " + (limit - offset) + " bytes left";
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, offset, HEADER_BYTES);
        int length = header.getInt();
        int storedCrc = header.getInt();
        long index = header.getLong();
        if (length < 0 || length > payloadSizeBytesMax) {
            return "payload length " + length + " outside 0.." + payloadSizeBytesMax;
        }
        if (limit - offset - HEADER_BYTES < length) {
            return "incomplete payload: " + length + " bytes declared, " + (limit - offset - HEADER_BYTES)
                    + " present";
        }
        if (crc(index, bytes, offset + HEADER_BYTES, length) != storedCrc) {
            return "CRC32C mismatch";
        }
        if (index != expectedIndex) {
            return "frame holds index " + index;
        }
        return null;
    }

    /** The index stored in the header at {@code offset}; the caller checked that the header is complete. */
    static long indexAt(byte[] bytes, int offset) {
        return ByteBuffer.wrap(bytes, offset + 8, 8).getLong();
    }
}
