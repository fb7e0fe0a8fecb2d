package io.novacron.transport.tcp;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of one application payload received so far on one inbound connection: CONTINUATION payloads waiting for
 * the DATA frame that ends them. It exists so that a payload longer than maxFrameBytes arrives as one frame, and it
 * is bounded so that a peer cannot make the receiver hold more than {@code maxPayloadBytes} for it.
 * Not thread-safe: each connection's reader owns one.
 * <p>
 * Parts are kept as the codec read them, without a copy, and copied once into the delivered array. Parts shorter
 * than {@link #MERGE_BELOW_BYTES} are merged into a block first, so that a peer sending tiny parts cannot make the
 * bookkeeping (an array header and a list slot per part) cost more than the bytes it carries.
 * Invariant: pendingBytes = the lengths of the kept parts plus the block's size, and pendingBytes &le; maxPayloadBytes.
 */
final class PartialPayload {

    /** Parts shorter than this are merged into a block of about this size instead of kept one by one. */
    static final int MERGE_BELOW_BYTES = 64 << 10;

    private final int maxPayloadBytes;
    private final List<byte[]> kept = new ArrayList<>();
    /** Small parts that came after the last kept one; null when there are none. */
    private FrameBuffer block;
    private long pendingBytes;
    private int parts;

    PartialPayload(int maxPayloadBytes) {
        if (maxPayloadBytes < 1) {
            throw new IllegalArgumentException("maxPayloadBytes=" + maxPayloadBytes + " is invalid; allowed: >= 1");
        }
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /**
     * Adds a CONTINUATION frame's payload.
     *
     * @throws FrameFormatException the part is empty (no sender splits that way), or ({@link TooLong}) the payload
     *                              would exceed the bound; the parts received so far are dropped
     */
    void append(byte[] part) throws FrameFormatException {
        if (part.length == 0) {
            clear();
            throw new FrameFormatException("empty CONTINUATION frame: every part of a payload carries at least one byte");
        }
        admit(part.length);
        if (part.length < MERGE_BELOW_BYTES) {
            if (block == null) {
                block = new FrameBuffer(MERGE_BELOW_BYTES);
            }
            block.write(part, 0, part.length);
            if (block.size() >= MERGE_BELOW_BYTES) {
                keepBlock();
            }
        } else {
            keepBlock(); // the block's parts came first
            kept.add(part);
        }
        pendingBytes += part.length;
        parts++;
    }

    /**
     * Ends the payload with a DATA frame's payload and returns the whole payload; afterwards this is empty again.
     * Without pending parts it returns {@code last} itself, so a payload that fits one frame is never copied.
     *
     * @throws TooLong the payload would exceed the bound; the parts received so far are dropped
     */
    byte[] complete(byte[] last) throws FrameFormatException {
        if (isEmpty()) {
            return last;
        }
        admit(last.length);
        byte[] whole = new byte[(int) (pendingBytes + last.length)];
        int at = 0;
        for (byte[] part : kept) {
            System.arraycopy(part, 0, whole, at, part.length);
            at += part.length;
        }
        if (block != null) {
            System.arraycopy(block.array(), 0, whole, at, block.size());
            at += block.size();
        }
        System.arraycopy(last, 0, whole, at, last.length);
        clear();
        return whole;
    }

    boolean isEmpty() {
        return parts == 0;
    }

    /** Payload bytes received for the payload in progress. */
    long pendingBytes() {
        return pendingBytes;
    }

    /** CONTINUATION frames received for the payload in progress. */
    int parts() {
        return parts;
    }

    /** Drops the parts received so far (the payload will never be delivered). */
    void clear() {
        kept.clear();
        block = null;
        pendingBytes = 0;
        parts = 0;
    }

    private void admit(int more) throws FrameFormatException {
        long total = pendingBytes + more;
        if (total > maxPayloadBytes) {
            int partsSoFar = parts + 1;
            clear();
            throw new TooLong("payload of at least " + total + " B (" + partsSoFar
                    + " frames so far) exceeds this receiver's bound of " + maxPayloadBytes + " B ("
                    + TcpReceiverConfig.MAX_FRAMES_PER_PAYLOAD + " x maxFrameBytes, at most the largest Java array);"
                    + " refusing the connection. Raise maxFrameBytes of the receiving activation spec to accept it");
        }
    }

    /** A payload above the bound: not damage on the wire but a sender configured for more than this receiver takes. */
    static final class TooLong extends FrameFormatException {

        private static final long serialVersionUID = 1L;

        TooLong(String message) {
            super(message);
        }
    }

    private void keepBlock() {
        if (block != null) {
            kept.add(block.toByteArray());
            block = null;
        }
    }
}
