package io.novacron.consensus.pbft;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-client execution record: the last executed timestamp and the last reply sent, so a replayed or older request
 * is never executed twice and its reply can be resent (§4.1, at-most-once semantics).
 * <p>
 * The timestamps are part of the replicated state (they decide which requests of a batch execute), so they are
 * encoded into every checkpoint digest and shipped by state transfer; the cached replies are not (a client that
 * misses one simply retries after the next request).
 */
final class ClientTable {

    private final TreeMap<Long, Long> lastTimestampByClient = new TreeMap<>();
    private final Map<Long, PbftMessage.Reply> lastReplyByClient = new HashMap<>();

    /** True if this client already executed a request with this or a later timestamp. */
    boolean isExecuted(ClientRequest request) {
        Long last = lastTimestampByClient.get(request.clientId());
        return last != null && request.timestamp() <= last;
    }

    /** Records that the request executed; returns false (and records nothing) if it was a duplicate. */
    boolean markExecuted(ClientRequest request) {
        if (isExecuted(request)) {
            return false;
        }
        lastTimestampByClient.put(request.clientId(), request.timestamp());
        return true;
    }

    /** Last executed timestamp of the client, or -1. */
    long lastTimestamp(long clientId) {
        return lastTimestampByClient.getOrDefault(clientId, -1L);
    }

    void recordReply(PbftMessage.Reply reply) {
        if (reply.timestamp() == lastTimestamp(reply.clientId())) {
            lastReplyByClient.put(reply.clientId(), reply);
        }
    }

    /** The cached reply to the client's last executed request, or null when none was produced yet. */
    PbftMessage.Reply lastReply(long clientId) {
        return lastReplyByClient.get(clientId);
    }

    /** Deterministic encoding (clients in ascending id order) so equal tables give equal checkpoint digests. */
    byte[] encode() {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 16 * lastTimestampByClient.size());
        buffer.putInt(lastTimestampByClient.size());
        lastTimestampByClient.forEach((client, timestamp) -> buffer.putLong(client).putLong(timestamp));
        return buffer.array();
    }

    /** Replaces the timestamps with a decoded table (state transfer); replies are forgotten. */
    void install(byte[] encoded) {
        TreeMap<Long, Long> decoded = decode(encoded);
        lastTimestampByClient.clear();
        lastTimestampByClient.putAll(decoded);
        lastReplyByClient.clear();
    }

    /** Returns true if {@code encoded} is a well-formed table. */
    static boolean isWellFormed(byte[] encoded) {
        try {
            decode(encoded);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static TreeMap<Long, Long> decode(byte[] encoded) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(encoded);
            int count = buffer.getInt();
            if (count < 0 || count != buffer.remaining() / 16 || buffer.remaining() % 16 != 0) {
                throw new IllegalArgumentException("client table count " + count + " does not match its size");
            }
            TreeMap<Long, Long> table = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                table.put(buffer.getLong(), buffer.getLong());
            }
            return table;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated client table", e);
        }
    }
}
