package io.novacron.consensus.raft;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A compact big-endian binary encoding of {@link RaftMessage} for transports.
 * Decoding is strict (version, enum ranges, lengths bounded by the remaining bytes, no trailing bytes) so a
 * corrupt or hostile frame becomes a typed {@link MalformedMessageException}, never a half-built message or an
 * OutOfMemoryError.
 */
public final class RaftMessageCodec {

    /** Format version; bumped on any layout change so mixed-version peers fail loudly. */
    public static final byte VERSION = 1;
    private static final int FLAG_REJECT = 1;
    private static final int FLAG_TRANSFER = 2;
    private static final int FLAG_SNAPSHOT = 4;
    private static final int FLAGS_KNOWN = FLAG_REJECT | FLAG_TRANSFER | FLAG_SNAPSHOT;
    private static final int HEADER_BYTES = 2 + 1 + 4 + 4 + 8 * 6;
    private static final int ENTRY_HEADER_BYTES = 8 + 8 + 1 + 4;

    private RaftMessageCodec() {
    }

    /** Encodes one message. */
    public static byte[] encode(RaftMessage m) {
        Snapshot s = m.snapshot();
        int size = HEADER_BYTES + 4 + 4 + m.context().length;
        for (Entry e : m.entries()) {
            size += ENTRY_HEADER_BYTES + e.sizeBytes();
        }
        if (!s.isEmpty()) {
            size += 16 + 8 + 4 * (s.conf().voters().size() + s.conf().learners().size()) + 4 + s.data().length;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        int flags = (m.reject() ? FLAG_REJECT : 0) | (m.transfer() ? FLAG_TRANSFER : 0) | (s.isEmpty() ? 0 : FLAG_SNAPSHOT);
        b.put(VERSION).put((byte) m.type().ordinal()).put((byte) flags).putInt(m.from()).putInt(m.to());
        b.putLong(m.term()).putLong(m.logTerm()).putLong(m.index()).putLong(m.commitIndex());
        b.putLong(m.hintIndex()).putLong(m.hintTerm());
        b.putInt(m.entries().size());
        for (Entry e : m.entries()) {
            b.putLong(e.term()).putLong(e.index()).put((byte) e.type().ordinal()).putInt(e.sizeBytes()).put(e.data());
        }
        if (!s.isEmpty()) {
            b.putLong(s.index()).putLong(s.term());
            putIds(b, s.conf().voters());
            putIds(b, s.conf().learners());
            b.putInt(s.data().length).put(s.data());
        }
        b.putInt(m.context().length).put(m.context());
        if (b.hasRemaining()) {
            throw new IllegalStateException("Invariant: encoded size computed exactly, " + b.remaining() + " bytes left");
        }
        return b.array();
    }

    /**
     * Decodes bytes produced by {@link #encode(RaftMessage)}.
     *
     * @throws MalformedMessageException if the bytes are truncated, padded, of another version or out of range
     */
    public static RaftMessage decode(byte[] bytes) throws MalformedMessageException {
        if (bytes == null || bytes.length < HEADER_BYTES) {
            throw new MalformedMessageException("frame of " + (bytes == null ? "null" : bytes.length + " bytes")
                    + " is shorter than the " + HEADER_BYTES + "-byte header");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        try {
            byte version = b.get();
            if (version != VERSION) {
                throw new MalformedMessageException("unsupported codec version " + version + ", expected " + VERSION);
            }
            MessageType type = enumAt(MessageType.values(), b.get(), "message type");
            int flags = b.get();
            if ((flags & ~FLAGS_KNOWN) != 0) {
                throw new MalformedMessageException("unknown flags " + flags);
            }
            RaftMessage.Builder m = RaftMessage.builder(type, b.getInt(), b.getInt(), nonNegative(b.getLong(), "term"));
            m.logTerm(nonNegative(b.getLong(), "logTerm")).index(nonNegative(b.getLong(), "index"));
            m.commitIndex(nonNegative(b.getLong(), "commitIndex"));
            m.hint(nonNegative(b.getLong(), "hintIndex"), nonNegative(b.getLong(), "hintTerm"));
            m.reject((flags & FLAG_REJECT) != 0).transfer((flags & FLAG_TRANSFER) != 0);
            m.entries(decodeEntries(b));
            if ((flags & FLAG_SNAPSHOT) != 0) {
                m.snapshot(decodeSnapshot(b));
            }
            m.context(bytes(b, "context"));
            if (b.hasRemaining()) {
                throw new MalformedMessageException(b.remaining() + " trailing bytes after message");
            }
            return m.build();
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("frame truncated at byte " + b.position());
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("invalid field: " + e.getMessage());
        }
    }

    private static List<Entry> decodeEntries(ByteBuffer b) throws MalformedMessageException {
        int count = b.getInt();
        // Bound the count by what the remaining bytes could hold, so a forged count cannot allocate gigabytes.
        if (count < 0 || (long) count * ENTRY_HEADER_BYTES > b.remaining()) {
            throw new MalformedMessageException("entry count " + count + " impossible with " + b.remaining() + " bytes left");
        }
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long term = b.getLong();
            long index = b.getLong();
            EntryType type = enumAt(EntryType.values(), b.get(), "entry type");
            entries.add(new Entry(term, index, type, bytes(b, "entry data")));
        }
        return entries;
    }

    private static Snapshot decodeSnapshot(ByteBuffer b) throws MalformedMessageException {
        long index = b.getLong();
        long term = b.getLong();
        if (index < 1) {
            throw new MalformedMessageException("snapshot flag set but snapshot index is " + index);
        }
        Set<Integer> voters = ids(b, "voters");
        Set<Integer> learners = ids(b, "learners");
        return new Snapshot(index, term, new ConfState(voters, learners), bytes(b, "snapshot data"));
    }

    private static void putIds(ByteBuffer b, Set<Integer> ids) {
        b.putInt(ids.size());
        ids.stream().sorted().forEach(b::putInt);
    }

    private static Set<Integer> ids(ByteBuffer b, String what) throws MalformedMessageException {
        int n = b.getInt();
        if (n < 0 || (long) n * 4 > b.remaining()) {
            throw new MalformedMessageException(what + " count " + n + " impossible with " + b.remaining() + " bytes left");
        }
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < n; i++) {
            ids.add(b.getInt());
        }
        return ids;
    }

    private static byte[] bytes(ByteBuffer b, String what) throws MalformedMessageException {
        int len = b.getInt();
        if (len < 0 || len > b.remaining()) {
            throw new MalformedMessageException(what + " length " + len + " impossible with " + b.remaining() + " bytes left");
        }
        byte[] out = new byte[len];
        b.get(out);
        return out;
    }

    private static <E> E enumAt(E[] values, byte ordinal, String what) throws MalformedMessageException {
        if (ordinal < 0 || ordinal >= values.length) {
            throw new MalformedMessageException("unknown " + what + " " + ordinal);
        }
        return values[ordinal];
    }

    private static long nonNegative(long v, String what) throws MalformedMessageException {
        if (v < 0) {
            throw new MalformedMessageException(what + " is negative: " + v);
        }
        return v;
    }
}
