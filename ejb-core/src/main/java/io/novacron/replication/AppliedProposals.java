package io.novacron.replication;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.UUID;

/**
 * The ids of the last {@code capacity} proposals applied, oldest first, so that a proposal committed twice (a member
 * sends it again when it cannot tell whether its first attempt was lost) changes the state once. It is part of the
 * agreed state: every member evicts the same ids at the same position, and snapshots carry it.
 * <p>
 * A repeat arrives within the proposer's write timeout, so the window must hold at least that many seconds of
 * writes: 65,536 ids cover ten seconds at 6,500 writes/s, several times what a cluster here commits.
 */
final class AppliedProposals {

    static final int DEFAULT_CAPACITY = 65_536;

    private final int capacity;
    private final LinkedHashSet<UUID> ids = new LinkedHashSet<>();

    AppliedProposals(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Records {@code proposal} as applied; false when it already was (within the window). */
    boolean firstTime(UUID proposal) {
        if (!ids.add(proposal)) {
            return false;
        }
        if (ids.size() > capacity) {
            Iterator<UUID> oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    int size() {
        return ids.size();
    }

    void clear() {
        ids.clear();
    }

    /** {@code count:i32 {most:i64 least:i64}*}, oldest first. */
    void write(DataOutputStream out) throws IOException {
        out.writeInt(ids.size());
        for (UUID id : ids) {
            out.writeLong(id.getMostSignificantBits());
            out.writeLong(id.getLeastSignificantBits());
        }
    }

    /** Replaces the window with what {@link #write} wrote (on any member, whatever its capacity). */
    void read(DataInputStream in) throws IOException {
        clear();
        for (int count = in.readInt(); count > 0; count--) {
            firstTime(new UUID(in.readLong(), in.readLong()));
        }
    }
}
