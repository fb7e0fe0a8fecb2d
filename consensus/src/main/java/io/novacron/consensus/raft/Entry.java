package io.novacron.consensus.raft;

import java.util.Arrays;
import java.util.Objects;

/**
 * One Raft log entry: the term it was created in, its position and its payload.
 * Immutable so that a Ready can hand entries to the driver without defensive copies on every access.
 *
 * @param term  the leader's term when the entry was appended
 * @param index position in the log, starting at 1
 * @param type  application command or configuration change
 * @param data  the command bytes (for CONF_CHANGE, an encoded {@link ConfChange}); never null
 */
public record Entry(long term, long index, EntryType type, byte[] data) {

    public Entry {
        Objects.requireNonNull(type, "type");
        data = data == null ? new byte[0] : data.clone();
        if (term < 0 || index < 1) {
            throw new IllegalArgumentException("entry term must be >= 0 and index >= 1, got term=" + term + " index=" + index);
        }
    }

    /** A copy of the payload, so callers cannot change a logged entry. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The payload length in bytes, used for batching limits. */
    public int sizeBytes() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Entry e && e.term == term && e.index == index && e.type == type && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(term, index, type, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "Entry[t" + term + " i" + index + " " + type + " " + data.length + "B]";
    }
}
