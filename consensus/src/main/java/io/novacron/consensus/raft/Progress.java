package io.novacron.consensus.raft;

import java.util.ArrayDeque;

/**
 * The leader's view of one follower's replication (Raft Figure 2 nextIndex/matchIndex plus etcd's flow control).
 * PROBE sends one message at a time until the match point is found, REPLICATE pipelines up to a bounded
 * window optimistically, SNAPSHOT waits for an InstallSnapshot to land; this is what lets a leader stream to a
 * healthy follower without flooding a lagging or dead one.
 * <p>
 * Invariant: matchIndex &lt; nextIndex.
 */
final class Progress {

    /** Replication mode towards one follower. */
    enum State { PROBE, REPLICATE, SNAPSHOT }

    private long matchIndex;
    private long nextIndex;
    private State state = State.PROBE;
    /** PROBE: a probe is outstanding, send nothing more until a response or heartbeat response. */
    private boolean probeSent;
    /** REPLICATE: last index of each APPEND_ENTRIES in flight, oldest first; bounded by maxInflight. */
    private final ArrayDeque<Long> inflight = new ArrayDeque<>();
    private final int maxInflight;
    /** SNAPSHOT: the index of the snapshot sent, and ticks spent waiting for it (to retry if lost). */
    private long pendingSnapshotIndex;
    private int snapshotWaitTicks;
    /** Heard from since the last check-quorum round. */
    private boolean recentActive;

    Progress(long nextIndex, int maxInflight) {
        this.nextIndex = nextIndex;
        this.maxInflight = maxInflight;
        checkInvariant();
    }

    long matchIndex() {
        return matchIndex;
    }

    long nextIndex() {
        return nextIndex;
    }

    State state() {
        return state;
    }

    boolean recentActive() {
        return recentActive;
    }

    void setRecentActive(boolean active) {
        recentActive = active;
    }

    long pendingSnapshotIndex() {
        return pendingSnapshotIndex;
    }

    /** Whether the leader must hold back appends to this follower now. */
    boolean isPaused() {
        return switch (state) {
            case PROBE -> probeSent;
            case REPLICATE -> inflight.size() >= maxInflight;
            case SNAPSHOT -> true;
        };
    }

    /** Records the leader's own append: it matches itself trivially. */
    void selfAppended(long lastIndex) {
        matchIndex = lastIndex;
        nextIndex = lastIndex + 1;
        checkInvariant();
    }

    /** Called after sending entries ending at lastSent. */
    void sentEntries(long lastSent) {
        if (state == State.REPLICATE) {
            nextIndex = Math.max(nextIndex, lastSent + 1);
            inflight.addLast(lastSent);
            if (inflight.size() > maxInflight) {
                throw new IllegalStateException("Invariant: inflight " + inflight.size() + " <= " + maxInflight);
            }
        } else if (state == State.PROBE) {
            probeSent = true;
        } else {
            throw new IllegalStateException("Invariant: no appends while sending a snapshot");
        }
    }

    /** A success response for index arrived; returns whether it taught us anything new. */
    boolean maybeUpdate(long index) {
        boolean updated = false;
        if (index > matchIndex) {
            matchIndex = index;
            updated = true;
            probeSent = false;
        }
        nextIndex = Math.max(nextIndex, index + 1);
        while (!inflight.isEmpty() && inflight.peekFirst() <= index) {
            inflight.removeFirst();
        }
        checkInvariant();
        return updated;
    }

    /**
     * A rejection of the append at {@code rejected} (its prevLogIndex) arrived with the follower's hint.
     * Returns false if the rejection is stale (already superseded), so the leader ignores it.
     */
    boolean maybeDecrease(long rejected, long hintNext) {
        if (state == State.REPLICATE) {
            if (rejected <= matchIndex) {
                return false;
            }
            // The pipeline broke (a lost or reordered message); restart from the last known match.
            nextIndex = matchIndex + 1;
            return true;
        }
        if (nextIndex - 1 != rejected) {
            return false;
        }
        nextIndex = Math.max(Math.min(rejected, hintNext), matchIndex + 1);
        probeSent = false;
        checkInvariant();
        return true;
    }

    void becomeProbe() {
        if (state == State.SNAPSHOT) {
            nextIndex = Math.max(matchIndex + 1, pendingSnapshotIndex + 1);
        } else {
            nextIndex = matchIndex + 1;
        }
        reset(State.PROBE);
    }

    void becomeReplicate() {
        nextIndex = matchIndex + 1;
        reset(State.REPLICATE);
    }

    void becomeSnapshot(long snapshotIndex) {
        reset(State.SNAPSHOT);
        pendingSnapshotIndex = snapshotIndex;
    }

    /** A heartbeat response proves the follower is alive: let a stalled probe or full window try again. */
    void heartbeatAcknowledged() {
        probeSent = false;
        if (state == State.REPLICATE && inflight.size() >= maxInflight) {
            inflight.removeFirst();
        }
    }

    /** SNAPSHOT state: returns true once the snapshot has been outstanding for longer than the limit (assume lost). */
    boolean snapshotTimedOut(int limitTicks) {
        return state == State.SNAPSHOT && ++snapshotWaitTicks >= limitTicks;
    }

    private void reset(State newState) {
        state = newState;
        probeSent = false;
        inflight.clear();
        pendingSnapshotIndex = 0;
        snapshotWaitTicks = 0;
        checkInvariant();
    }

    private void checkInvariant() {
        if (matchIndex >= nextIndex) {
            throw new IllegalStateException("Invariant: matchIndex < nextIndex, got " + matchIndex + " >= " + nextIndex);
        }
    }

    @Override
    public String toString() {
        return state + "{match=" + matchIndex + " next=" + nextIndex + " inflight=" + inflight.size() + "}";
    }
}
