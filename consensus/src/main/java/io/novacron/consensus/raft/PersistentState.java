package io.novacron.consensus.raft;

import java.util.List;
import java.util.Objects;

/**
 * What a driver read back from stable storage at restart: hard state, latest snapshot, and the entries after it.
 * A node rebuilt from this must behave as if it had never crashed, which is what the Ready ordering contract buys.
 *
 * @param hardState term, vote and commit index last persisted
 * @param snapshot  the latest persisted snapshot, or {@link Snapshot#EMPTY}
 * @param entries   contiguous entries starting at {@code snapshot.index() + 1}
 */
public record PersistentState(HardState hardState, Snapshot snapshot, List<Entry> entries) {

    public PersistentState {
        Objects.requireNonNull(hardState, "hardState");
        Objects.requireNonNull(snapshot, "snapshot");
        entries = List.copyOf(entries);
        long expected = snapshot.index() + 1;
        for (Entry e : entries) {
            if (e.index() != expected++) {
                throw new IllegalArgumentException("persisted entries must be contiguous after snapshot index "
                        + snapshot.index() + ", found index " + e.index());
            }
        }
    }

    /** The state of a brand-new node. */
    public static PersistentState empty() {
        return new PersistentState(HardState.EMPTY, Snapshot.EMPTY, List.of());
    }
}
