package io.novacron.consensus.raft;

import java.util.Arrays;
import java.util.Objects;

/**
 * A point-in-time image of the application state plus the log position and membership it reflects (Raft §7).
 * The membership travels with the snapshot because the configuration entries it replaces are gone.
 *
 * @param index the last log index the image includes
 * @param term  the term of that entry
 * @param conf  the membership as of {@code index}
 * @param data  the application's serialized state machine
 */
public record Snapshot(long index, long term, ConfState conf, byte[] data) {

    /** No snapshot: the log starts at index 1. */
    public static final Snapshot EMPTY = new Snapshot(0, 0, ConfState.EMPTY, new byte[0]);

    public Snapshot {
        Objects.requireNonNull(conf, "conf");
        data = data == null ? new byte[0] : data.clone();
        if (index < 0 || term < 0) {
            throw new IllegalArgumentException("snapshot index/term must be >= 0, got " + index + "/" + term);
        }
    }

    /** A copy of the state bytes. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Whether this is the "no snapshot" value. */
    public boolean isEmpty() {
        return index == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Snapshot s && s.index == index && s.term == term && s.conf.equals(conf) && Arrays.equals(s.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, term, conf, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "Snapshot[i" + index + " t" + term + " " + conf + " " + data.length + "B]";
    }
}
