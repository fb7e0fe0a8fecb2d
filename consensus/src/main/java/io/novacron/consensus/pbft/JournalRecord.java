package io.novacron.consensus.pbft;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.novacron.consensus.pbft.PbftMessage.Checkpoint;
import io.novacron.consensus.pbft.PbftMessage.State;

/**
 * The three kinds of record a {@link PbftJournal} writes into a log, and their encoding (big-endian, first byte the
 * kind): MESSAGE (a persisted protocol message in {@link PbftMessageCodec} form), VIEW (the replica's view) and BASE
 * (a stable checkpoint with the replica's own state there, closing a garbage-collection round).
 * <p>
 * BASE layout: {@code kind:u8 view:i64 stableSequence:i64 copiedBefore:i32 proofCount:i32 {length:i32 checkpoint}*
 * length:i32 ownState}; {@code copiedBefore} counts the MESSAGE records just before it that re-wrote the live
 * messages, so everything older may be dropped once the BASE is durable.
 */
sealed interface JournalRecord {

    byte MESSAGE = 1;
    byte VIEW = 2;
    byte BASE = 3;

    /** A protocol message the replica accepted into its log (or its own checkpoint state). */
    record Message(PbftMessage message) implements JournalRecord {
    }

    /** The replica's current view. */
    record View(long view) implements JournalRecord {
    }

    /** A stable checkpoint: its proof and the replica's own state there; the copies of live messages precede it. */
    record Base(long view, long stableSequence, int copiedBefore, List<Checkpoint> proof, State ownState)
            implements JournalRecord {
    }

    static byte[] message(byte[] encodedMessage) {
        return ByteBuffer.allocate(1 + encodedMessage.length).put(MESSAGE).put(encodedMessage).array();
    }

    static byte[] view(long view) {
        return ByteBuffer.allocate(1 + Long.BYTES).put(VIEW).putLong(view).array();
    }

    static byte[] base(long view, long stableSequence, int copiedBefore, List<Checkpoint> proof, State ownState) {
        List<byte[]> parts = new ArrayList<>();
        int size = 1 + 8 + 8 + 4 + 4 + 4;
        for (Checkpoint checkpoint : proof) {
            byte[] encoded = PbftMessageCodec.encode(checkpoint);
            parts.add(encoded);
            size += 4 + encoded.length;
        }
        byte[] state = PbftMessageCodec.encode(ownState);
        ByteBuffer out = ByteBuffer.allocate(size + state.length);
        out.put(BASE).putLong(view).putLong(stableSequence).putInt(copiedBefore).putInt(parts.size());
        parts.forEach(part -> out.putInt(part.length).put(part));
        out.putInt(state.length).put(state);
        return out.array();
    }

    /**
     * Decodes one record.
     *
     * @throws MalformedMessageException on an unknown kind, a truncated record or a malformed nested message (the
     *                                   log's CRC passed, so this is a format mismatch, never a torn write)
     */
    static JournalRecord decode(byte[] payload) throws MalformedMessageException {
        try {
            ByteBuffer in = ByteBuffer.wrap(payload);
            byte kind = in.get();
            switch (kind) {
                case MESSAGE: {
                    byte[] encoded = new byte[in.remaining()];
                    in.get(encoded);
                    return new Message(PbftMessageCodec.decode(encoded));
                }
                case VIEW: {
                    long view = in.getLong();
                    expectEnd(in);
                    return new View(view);
                }
                case BASE: {
                    long view = in.getLong();
                    long stableSequence = in.getLong();
                    int copiedBefore = in.getInt();
                    int proofCount = in.getInt();
                    if (proofCount < 0 || proofCount > in.remaining() / 4) {
                        throw new MalformedMessageException("journal BASE proof count " + proofCount);
                    }
                    List<Checkpoint> proof = new ArrayList<>(proofCount);
                    for (int i = 0; i < proofCount; i++) {
                        proof.add(nested(in, Checkpoint.class));
                    }
                    State ownState = nested(in, State.class);
                    expectEnd(in);
                    return new Base(view, stableSequence, copiedBefore, proof, ownState);
                }
                default:
                    throw new MalformedMessageException("unknown journal record kind " + kind);
            }
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("truncated journal record of " + payload.length + " bytes");
        }
    }

    private static <T extends PbftMessage> T nested(ByteBuffer in, Class<T> kind) throws MalformedMessageException {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new MalformedMessageException("journal BASE field length " + length + " exceeds the "
                    + in.remaining() + " bytes left");
        }
        byte[] encoded = new byte[length];
        in.get(encoded);
        PbftMessage message = PbftMessageCodec.decode(encoded);
        if (!kind.isInstance(message)) {
            throw new MalformedMessageException("journal BASE holds a " + message.type() + " where a "
                    + kind.getSimpleName() + " belongs");
        }
        return kind.cast(message);
    }

    private static void expectEnd(ByteBuffer in) throws MalformedMessageException {
        if (in.hasRemaining()) {
            throw new MalformedMessageException(in.remaining() + " trailing bytes in a journal record");
        }
    }
}
