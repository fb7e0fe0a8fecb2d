package io.novacron.consensus.sim;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The replicated key-value store one replica applies committed commands to. It keeps a session per client (the
 * last request number applied and its result), so a retried request committed twice takes effect once and the
 * retry is answered with the first execution's result, as the exactly-once invariant requires. Reads served
 * outside the log (Raft's read index) use {@link #read(int)} and touch no session. The state, sessions included,
 * round-trips through {@link #snapshot()} so a snapshot or state transfer carries it.
 */
public final class KvStateMachine {

    private final long[] values = new long[KvOp.KEYS];
    /** client id -> {last request number applied, its result}. */
    private final Map<Long, long[]> sessions = new HashMap<>();

    /** Applies one committed command and returns the result its client gets. */
    public long apply(SimCommand command) {
        long[] session = sessions.get(command.clientId());
        if (session != null && command.requestNumber() <= session[0]) {
            // A duplicate of an applied request: no second effect. With one outstanding request per client, the
            // only duplicate anyone still waits for is the last one, whose result is cached.
            return command.requestNumber() == session[0] ? session[1] : KvOp.FAILED;
        }
        long result = execute(KvOp.decode(command.payload()));
        sessions.put(command.clientId(), new long[] {command.requestNumber(), result});
        return result;
    }

    private long execute(KvOp op) {
        return switch (op.type()) {
            case GET -> values[op.key()];
            case PUT -> {
                values[op.key()] = op.value();
                yield KvOp.OK;
            }
            case CAS -> {
                if (values[op.key()] != op.expected()) {
                    yield KvOp.FAILED;
                }
                values[op.key()] = op.value();
                yield KvOp.OK;
            }
        };
    }

    /** The current value of a key, for a read served without going through the log. */
    public long read(int key) {
        return values[key];
    }

    public byte[] snapshot() {
        TreeMap<Long, long[]> ordered = new TreeMap<>(sessions);
        ByteBuffer buffer = ByteBuffer.allocate(KvOp.KEYS * 8 + 4 + ordered.size() * 24);
        for (long value : values) {
            buffer.putLong(value);
        }
        buffer.putInt(ordered.size());
        ordered.forEach((client, session) -> buffer.putLong(client).putLong(session[0]).putLong(session[1]));
        return buffer.array();
    }

    /** The state a snapshot holds; empty bytes (no snapshot yet) give an empty store. */
    public static KvStateMachine restore(byte[] snapshot) {
        KvStateMachine machine = new KvStateMachine();
        if (snapshot == null || snapshot.length == 0) {
            return machine;
        }
        ByteBuffer buffer = ByteBuffer.wrap(snapshot);
        for (int k = 0; k < KvOp.KEYS; k++) {
            machine.values[k] = buffer.getLong();
        }
        int count = buffer.getInt();
        for (int i = 0; i < count; i++) {
            machine.sessions.put(buffer.getLong(), new long[] {buffer.getLong(), buffer.getLong()});
        }
        return machine;
    }

    /** Result bytes as they travel in a reply. */
    public static byte[] encodeResult(long result) {
        return ByteBuffer.allocate(Long.BYTES).putLong(result).array();
    }

    public static long decodeResult(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }
}
