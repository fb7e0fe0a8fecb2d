package io.novacron.consensus.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * The in-memory view of one node's log: the latest snapshot (compacted prefix) plus the entries after it,
 * with the commit, applied and stable marks that drive {@link Ready}.
 * It mirrors stable storage exactly once every Ready has been advanced, which is why the core can live
 * without reading the disk.
 * <p>
 * Invariants: snapshot.index ≤ applied ≤ commit ≤ lastIndex; stable ≤ lastIndex; entries are contiguous from
 * snapshot.index + 1.
 */
final class RaftLog {
    /** Term value for "this index is not in the log (compacted or beyond the end)". */
    static final long UNKNOWN_TERM = -1;

    private Snapshot snapshot;
    private final ArrayList<Entry> entries = new ArrayList<>();
    private long commitIndex;
    private long appliedIndex;
    private long stableIndex;
    /** A snapshot installed from the leader but not yet handed to the driver in a Ready. */
    private Snapshot pendingSnapshot;

    RaftLog(PersistentState state) {
        this.snapshot = state.snapshot();
        this.entries.addAll(state.entries());
        this.stableIndex = lastIndex();
        long commit = state.hardState().commitIndex();
        // A commit index ahead of the persisted log can only come from a torn write; refuse rather than guess.
        if (commit > lastIndex()) {
            throw new IllegalStateException("persisted commitIndex " + commit + " beyond last persisted index " + lastIndex());
        }
        this.commitIndex = Math.max(commit, snapshot.index());
        // The application restores from the snapshot and re-applies committed entries after it.
        this.appliedIndex = snapshot.index();
    }

    Snapshot snapshot() {
        return snapshot;
    }

    long firstIndex() {
        return snapshot.index() + 1;
    }

    long lastIndex() {
        return snapshot.index() + entries.size();
    }

    long lastTerm() {
        return term(lastIndex());
    }

    long commitIndex() {
        return commitIndex;
    }

    long appliedIndex() {
        return appliedIndex;
    }

    /** The term at {@code index}, or {@link #UNKNOWN_TERM} when compacted away or beyond the end. */
    long term(long index) {
        if (index == snapshot.index()) {
            return snapshot.term();
        }
        if (index < snapshot.index() || index > lastIndex()) {
            return UNKNOWN_TERM;
        }
        return entries.get((int) (index - firstIndex())).term();
    }

    boolean matchTerm(long index, long term) {
        return term(index) == term;
    }

    Entry entry(long index) {
        return entries.get((int) (index - firstIndex()));
    }

    /** Raft §5.4.1: a candidate's log is at least as up to date as ours. */
    boolean isUpToDate(long candidateLastTerm, long candidateLastIndex) {
        return candidateLastTerm > lastTerm() || (candidateLastTerm == lastTerm() && candidateLastIndex >= lastIndex());
    }

    /** Entries in [from, lastIndex], at most maxCount and maxBytes (the first entry always fits). */
    List<Entry> slice(long from, int maxCount, long maxBytes) {
        if (from < firstIndex()) {
            throw new IllegalStateException("Invariant: slice from " + from + " below first index " + firstIndex());
        }
        List<Entry> out = new ArrayList<>();
        long bytes = 0;
        for (long i = from; i <= lastIndex() && out.size() < maxCount; i++) {
            Entry e = entry(i);
            bytes += e.sizeBytes();
            if (!out.isEmpty() && bytes > maxBytes) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    /**
     * Raft §5.3 follower side: if our entry at prevIndex has prevTerm, append the new entries (truncating a
     * conflicting suffix) and return the last index the leader's message vouches for; otherwise -1.
     */
    long maybeAppend(long prevIndex, long prevTerm, long leaderCommit, List<Entry> newEntries) {
        if (!matchTerm(prevIndex, prevTerm)) {
            return -1;
        }
        long lastNew = prevIndex + newEntries.size();
        for (Entry e : newEntries) {
            long have = term(e.index());
            if (have == e.term()) {
                continue;
            }
            if (e.index() <= commitIndex) {
                throw new IllegalStateException("Invariant: leader overwrites committed index " + e.index()
                        + " (commit " + commitIndex + ")");
            }
            append(newEntries.subList((int) (e.index() - newEntries.get(0).index()), newEntries.size()));
            break;
        }
        commitTo(Math.min(leaderCommit, lastNew));
        return lastNew;
    }

    /** Appends entries whose first index is in [firstIndex, lastIndex + 1], dropping any suffix it overwrites. */
    void append(List<Entry> newEntries) {
        if (newEntries.isEmpty()) {
            return;
        }
        long first = newEntries.get(0).index();
        if (first < firstIndex() || first > lastIndex() + 1) {
            throw new IllegalStateException("Invariant: append at " + first + " outside [" + firstIndex() + ", " + (lastIndex() + 1) + "]");
        }
        if (first <= commitIndex) {
            throw new IllegalStateException("Invariant: truncating committed index " + first + " (commit " + commitIndex + ")");
        }
        while (lastIndex() >= first) {
            entries.remove(entries.size() - 1);
        }
        stableIndex = Math.min(stableIndex, first - 1);
        long expected = first;
        for (Entry e : newEntries) {
            if (e.index() != expected++) {
                throw new IllegalStateException("Invariant: appended entries contiguous, got " + e.index());
            }
            entries.add(e);
        }
    }

    void commitTo(long index) {
        if (index <= commitIndex) {
            return;
        }
        if (index > lastIndex()) {
            throw new IllegalStateException("Invariant: commitIndex " + index + " <= lastIndex " + lastIndex());
        }
        commitIndex = index;
    }

    /** First index of the term of the entry at {@code index}, scanning back at most to the snapshot. */
    long firstIndexOfTermAt(long index) {
        long t = term(index);
        long i = index;
        while (i - 1 > snapshot.index() && term(i - 1) == t) {
            i--;
        }
        return i;
    }

    /** The last index at or before {@code upTo} holding {@code term}, or -1 if none is in memory. */
    long lastIndexOfTerm(long term, long upTo) {
        for (long i = Math.min(upTo, lastIndex()); i > snapshot.index(); i--) {
            long t = term(i);
            if (t == term) {
                return i;
            }
            if (t < term) {
                return -1;
            }
        }
        return -1;
    }

    boolean hasUnstable() {
        return stableIndex < lastIndex();
    }

    List<Entry> unstableEntries() {
        return hasUnstable() ? List.copyOf(entries.subList((int) (stableIndex + 1 - firstIndex()), entries.size())) : List.of();
    }

    /** Marks entries up to index stable, unless a conflicting append replaced them meanwhile. */
    void stableTo(long index, long term) {
        if (matchTerm(index, term) && index > stableIndex) {
            stableIndex = index;
        }
    }

    boolean hasCommittedToApply() {
        return appliedIndex < commitIndex;
    }

    List<Entry> committedToApply() {
        List<Entry> out = new ArrayList<>();
        for (long i = appliedIndex + 1; i <= commitIndex; i++) {
            out.add(entry(i));
        }
        return out;
    }

    void appliedTo(long index) {
        if (index > commitIndex || index < appliedIndex) {
            throw new IllegalStateException("Invariant: applied " + index + " within [" + appliedIndex + ", " + commitIndex + "]");
        }
        appliedIndex = index;
    }

    Snapshot pendingSnapshot() {
        return pendingSnapshot;
    }

    void snapshotPersisted(Snapshot s) {
        if (s.equals(pendingSnapshot)) {
            pendingSnapshot = null;
        }
    }

    /** Raft §7 follower side: replace the whole log with a snapshot from the leader. */
    void restore(Snapshot s) {
        entries.clear();
        snapshot = s;
        pendingSnapshot = s;
        commitIndex = s.index();
        appliedIndex = s.index();
        stableIndex = s.index();
    }

    /** The application snapshotted at index: forget entries up to it. */
    void compact(Snapshot s) {
        if (s.index() <= snapshot.index() || s.index() > appliedIndex) {
            throw new IllegalStateException("compact index " + s.index() + " must be in (" + snapshot.index() + ", applied "
                    + appliedIndex + "]");
        }
        entries.subList(0, (int) (s.index() - snapshot.index())).clear();
        snapshot = s;
    }
}
