package io.novacron.consensus.raft;

import java.util.List;
import java.util.Optional;

/**
 * One batch of work the driver must carry out for a {@link RaftNode}, in the order the fields are listed.
 * The core never touches disk or network; this record is the whole contract between it and the driver:
 * <ol>
 * <li>persist {@link #snapshot}, then {@link #entries}, then {@link #hardState} (ideally in one fsync'd write);</li>
 * <li>only then send {@link #messages};</li>
 * <li>then restore the state machine from {@link #snapshot} if present, apply {@link #committedEntries} in
 *     order, and serve {@link #readStates} once applied up to their index;</li>
 * <li>finally call {@link RaftNode#advance(Ready)} before asking for the next Ready.</li>
 * </ol>
 *
 * @param hardState        term/vote/commit to persist, present only if changed since the last Ready.
 *                         Contract: on stable storage BEFORE any message is sent, because votes and
 *                         acknowledgements in {@code messages} promise this state survives a crash.
 * @param entries          new log entries to append to stable storage. They replace any stored entries at
 *                         the same or higher index (a follower's conflicting suffix). Contract: on stable storage
 *                         BEFORE messages are sent (an APPEND_ENTRIES_RESPONSE acknowledges them) and
 *                         before committed entries are applied. This implementation chooses the simple rule
 *                         for leaders too: no parallel send.
 * @param snapshot         a snapshot received via INSTALL_SNAPSHOT, present only when one was installed.
 *                         Contract: persist it and drop ALL stored entries (the log restarts after it) BEFORE sending
 *                         messages; restore the application state from it BEFORE applying committed entries.
 * @param messages         messages to send, in order. Contract: only AFTER the three fields above are durable.
 *                         Delivery may fail, reorder or duplicate; Raft tolerates all three.
 * @param committedEntries entries known committed and not yet handed out, to apply in index order. Contract:
 *                         apply only AFTER persisting this Ready's entries (they may overlap). Empty NORMAL
 *                         entries are leader no-ops; CONF_CHANGE entries are already in effect in the core.
 * @param readStates       linearizable reads confirmed by a quorum (dissertation §6.4). Contract: answer a
 *                         read only once the application has applied at least up to its index.
 */
public record Ready(Optional<HardState> hardState, List<Entry> entries, Optional<Snapshot> snapshot,
                    List<RaftMessage> messages, List<Entry> committedEntries, List<ReadState> readStates) {

    public Ready {
        entries = List.copyOf(entries);
        messages = List.copyOf(messages);
        committedEntries = List.copyOf(committedEntries);
        readStates = List.copyOf(readStates);
    }

    /** Whether there is nothing to do; advance() on an empty Ready is harmless. */
    public boolean isEmpty() {
        return hardState.isEmpty() && entries.isEmpty() && snapshot.isEmpty() && messages.isEmpty()
                && committedEntries.isEmpty() && readStates.isEmpty();
    }
}
