package io.novacron.consensus.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * A test stand-in for stable storage: what survives a simulated crash of one node.
 * It follows the Ready contract literally so the persistence tests exercise exactly what a real driver must do.
 */
final class MemoryStorage {
    private HardState hardState = HardState.EMPTY;
    private Snapshot snapshot = Snapshot.EMPTY;
    private final List<Entry> entries = new ArrayList<>();

    /** Persists the durable parts of a Ready: snapshot, then entries, then hard state. */
    void persist(Ready rd) {
        rd.snapshot().ifPresent(s -> {
            snapshot = s;
            entries.clear();
        });
        if (!rd.entries().isEmpty()) {
            long first = rd.entries().get(0).index();
            entries.removeIf(e -> e.index() >= first);
            entries.addAll(rd.entries());
        }
        rd.hardState().ifPresent(hs -> hardState = hs);
    }

    /** The application took a snapshot: keep it and drop the entries it covers. */
    void compact(Snapshot s) {
        snapshot = s;
        entries.removeIf(e -> e.index() <= s.index());
    }

    /** Replaces everything, as if a disk with this content were mounted (for staged scenarios). */
    void reset(PersistentState ps) {
        hardState = ps.hardState();
        snapshot = ps.snapshot();
        entries.clear();
        entries.addAll(ps.entries());
    }

    PersistentState load() {
        return new PersistentState(hardState, snapshot, entries);
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }
}
