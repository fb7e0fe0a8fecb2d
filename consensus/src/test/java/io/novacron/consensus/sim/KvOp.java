package io.novacron.consensus.sim;

import java.nio.ByteBuffer;
import java.util.random.RandomGenerator;

/**
 * One operation on the simulator's key-value store, carried as the payload of a {@link SimCommand}. A few keys and
 * three kinds of operation make concurrent clients conflict in ways a linearizability check can judge:
 * {@code put} overwrites, {@code get} observes, and {@code cas} succeeds only on the value it expects, so a lost
 * update or a stale read changes a visible result. Values written are unique per request (derived from the client
 * and request number), so a read names the one write it observed; {@link #ABSENT} is the value of a key never
 * written.
 *
 * @param type     what the operation does
 * @param key      which key, 0..{@link #KEYS}-1
 * @param value    the value a put writes or a cas installs (unused by get)
 * @param expected the value a cas requires (unused otherwise)
 */
public record KvOp(Type type, int key, long value, long expected) {

    /** Keys in the store: few, so operations of different clients conflict often. */
    public static final int KEYS = 3;
    /** The value of a key nobody wrote yet. */
    public static final long ABSENT = 0;
    /** Result of a successful put or cas. */
    public static final long OK = 1;
    /** Result of a cas whose expected value did not match. */
    public static final long FAILED = 0;

    public enum Type { PUT, GET, CAS }

    private static final int ENCODED_BYTES = 1 + 4 + 8 + 8;

    public static KvOp put(int key, long value) {
        return new KvOp(Type.PUT, key, value, 0);
    }

    public static KvOp get(int key) {
        return new KvOp(Type.GET, key, 0, 0);
    }

    public static KvOp cas(int key, long expected, long value) {
        return new KvOp(Type.CAS, key, value, expected);
    }

    /**
     * A client's next operation: 40% get, 30% put, 30% cas. A cas expects the value this client last saw for the
     * key (so it often succeeds and sometimes loses a race); writes use {@code uniqueValue}.
     */
    public static KvOp random(RandomGenerator random, long uniqueValue, long[] lastSeen) {
        int key = random.nextInt(KEYS);
        int roll = random.nextInt(10);
        if (roll < 4) {
            return get(key);
        }
        if (roll < 7) {
            return put(key, uniqueValue);
        }
        return cas(key, lastSeen[key], uniqueValue);
    }

    public boolean isRead() {
        return type == Type.GET;
    }

    public byte[] encode() {
        return ByteBuffer.allocate(ENCODED_BYTES).put((byte) type.ordinal()).putInt(key).putLong(value)
                .putLong(expected).array();
    }

    /** Decodes a payload; anything that is not a key-value operation is rejected. */
    public static KvOp decode(byte[] payload) {
        if (payload.length != ENCODED_BYTES) {
            throw new IllegalArgumentException("not a key-value operation: " + payload.length + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        int type = buffer.get();
        int key = buffer.getInt();
        if (type < 0 || type >= Type.values().length || key < 0 || key >= KEYS) {
            throw new IllegalArgumentException("not a key-value operation: type " + type + ", key " + key);
        }
        return new KvOp(Type.values()[type], key, buffer.getLong(), buffer.getLong());
    }

    /** The result as a client reads it, e.g. {@code get(k1) -> 2000007} or {@code cas(k0, 0 -> 5) -> failed}. */
    public String describe(Long result) {
        String outcome = result == null ? "?" : switch (type) {
            case GET -> Long.toString(result);
            case PUT -> "ok";
            case CAS -> result == OK ? "ok" : "failed";
        };
        return this + " -> " + outcome;
    }

    @Override
    public String toString() {
        return switch (type) {
            case PUT -> "put(k" + key + ", " + value + ")";
            case GET -> "get(k" + key + ")";
            case CAS -> "cas(k" + key + ", " + expected + " -> " + value + ")";
        };
    }
}
