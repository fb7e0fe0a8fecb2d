package io.novacron.consensus.log;

/**
 * A state machine snapshot as stored by {@link SnapshotStore}: the state after applying every entry
 * through {@code index}.
 *
 * <p>Why term-or-view is a plain number here: Raft needs the term of the last included entry (§7) and
 * PBFT the view of the stable checkpoint (Castro–Liskov §4.3); the store only keeps it.
 *
 * @param index last log index (Raft) or sequence number (PBFT) the state includes, at least 1
 * @param term Raft term of that entry, or PBFT view
 * @param state the serialized state, opaque to the store; not copied, and {@code equals} compares the
 *     array's identity (as for any record holding an array)
 */
public record Snapshot(long index, long term, byte[] state) {
}
