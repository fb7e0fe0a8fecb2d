package io.novacron.consensus.raft;

import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.novacron.consensus.log.HintFile;
import io.novacron.consensus.log.LogStore;
import io.novacron.consensus.log.MetadataFile;
import io.novacron.consensus.log.SnapshotLoad;
import io.novacron.consensus.log.SnapshotStore;

/**
 * Carries out the persist step of a {@link RaftNode}'s {@link Ready} on durable storage, and reads back the
 * {@link PersistentState} a restarted node is built from.
 * <p>
 * Written in the Ready's order: the snapshot (with its membership) to a {@link SnapshotStore}, the entries to a
 * {@link LogStore} whose record index is the Raft index ({@code term:i64 type:u8 data}), one {@code sync()} for all
 * of them (group commit), then the hard state ({@code term:i64 votedFor:i32 commit:i64}) to a {@link MetadataFile}
 * when its term or vote changed, which Raft requires durable before anything is sent (§5.2, Figure 2). A change of
 * the commit index alone goes to a {@link HintFile} without an fsync: the commit index is volatile in Raft, any
 * value this node once held is still a committed prefix, and a restarted node that comes back with an older one only
 * re-applies less before the leader tells it the rest. Writing it durably every round cost two fsyncs per round.
 * Not thread-safe: the driver thread that owns the node owns its journal.
 */
public final class RaftJournal {

    private static final int READ_BATCH_RECORDS = 1_024;

    private final LogStore log;
    private final MetadataFile hardStateFile;
    private final HintFile commitHint;
    private final SnapshotStore snapshots;
    private HardState persistedHardState;

    private RaftJournal(LogStore log, MetadataFile hardStateFile, HintFile commitHint, SnapshotStore snapshots,
                        HardState hardState) {
        this.log = log;
        this.hardStateFile = hardStateFile;
        this.commitHint = commitHint;
        this.snapshots = snapshots;
        this.persistedHardState = hardState;
    }

    /**
     * Opens the journal over its stores (all empty for a new node). The recovered commit index is the later of the
     * hard state's and the hint's.
     */
    public static RaftJournal open(LogStore log, MetadataFile hardStateFile, HintFile commitHint,
                                   SnapshotStore snapshots) throws IOException {
        HardState durable = hardStateFile.read().map(RaftJournal::decodeHardState).orElse(HardState.EMPTY);
        long commit = Math.max(durable.commitIndex(), commitHint.read().orElse(0));
        return new RaftJournal(log, hardStateFile, commitHint, snapshots,
                new HardState(durable.term(), durable.votedFor(), commit));
    }

    /**
     * What survived: the hard state, the newest valid snapshot and the entries after it.
     *
     * @throws IOException a store cannot be read, or the log does not continue where the snapshot ends
     */
    public PersistentState recover() throws IOException {
        Snapshot snapshot = Snapshot.EMPTY;
        Optional<SnapshotLoad> load = snapshots.loadLatest();
        if (load.isPresent()) {
            try (InputStream state = load.get().file().openState()) {
                snapshot = decodeSnapshot(load.get().file().index(), load.get().file().term(), state.readAllBytes());
            }
        }
        long from = snapshot.index() + 1;
        List<Entry> entries = new ArrayList<>();
        if (log.lastIndex() >= from) {
            if (log.firstIndex() > from) {
                throw new IOException("the Raft log starts at index " + log.firstIndex() + " but the newest snapshot"
                        + " ends at " + snapshot.index() + ": entries " + from + ".." + (log.firstIndex() - 1)
                        + " are missing");
            }
            for (long index = from; index <= log.lastIndex(); ) {
                for (byte[] payload : log.read(index, READ_BATCH_RECORDS)) {
                    entries.add(decodeEntry(index++, payload));
                }
            }
        }
        return new PersistentState(persistedHardState, snapshot, entries);
    }

    /** Persists the snapshot, entries and hard state of {@code ready}, in that order, with one sync of the log. */
    public void persist(Ready ready) throws IOException {
        if (ready.snapshot().isPresent()) {
            Snapshot snapshot = ready.snapshot().get();
            snapshots.save(snapshot.index(), snapshot.term(), encodeSnapshotState(snapshot));
            log.reset(snapshot.index() + 1); // the log restarts after an installed snapshot
        }
        if (!ready.entries().isEmpty()) {
            long first = ready.entries().get(0).index();
            if (first <= log.lastIndex()) {
                log.truncateSuffix(first); // a follower's conflicting suffix (Raft §5.3)
            }
            for (Entry entry : ready.entries()) {
                log.append(entry.index(), encodeEntry(entry));
            }
        }
        if (ready.snapshot().isPresent() || !ready.entries().isEmpty()) {
            log.sync();
        }
        if (ready.hardState().isPresent() && !ready.hardState().get().equals(persistedHardState)) {
            HardState next = ready.hardState().get();
            if (next.term() != persistedHardState.term() || next.votedFor() != persistedHardState.votedFor()) {
                hardStateFile.write(encodeHardState(next));
            } else {
                commitHint.write(next.commitIndex());
            }
            persistedHardState = next;
        }
    }

    /** Releases the commit hint's file; the log and snapshot stores are closed by their owner. */
    public void close() throws IOException {
        commitHint.close();
    }

    /** Saves {@code snapshot} (from {@link RaftNode#compact}) and then drops the log entries it covers (§7). */
    public void compact(Snapshot snapshot) throws IOException {
        snapshots.save(snapshot.index(), snapshot.term(), encodeSnapshotState(snapshot));
        log.compactPrefix(snapshot.index());
    }

    static byte[] encodeEntry(Entry entry) {
        return ByteBuffer.allocate(9 + entry.data().length).putLong(entry.term()).put((byte) entry.type().ordinal())
                .put(entry.data()).array();
    }

    static Entry decodeEntry(long index, byte[] payload) throws IOException {
        if (payload.length < 9 || payload[8] < 0 || payload[8] >= EntryType.values().length) {
            throw new IOException("Raft log record " + index + " is not an entry (" + payload.length + " B)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        long term = buffer.getLong();
        EntryType type = EntryType.values()[buffer.get()];
        byte[] data = new byte[buffer.remaining()];
        buffer.get(data);
        return new Entry(term, index, type, data);
    }

    private static byte[] encodeHardState(HardState state) {
        return ByteBuffer.allocate(20).putLong(state.term()).putInt(state.votedFor()).putLong(state.commitIndex())
                .array();
    }

    private static HardState decodeHardState(byte[] bytes) {
        if (bytes.length != 20) {
            throw new IllegalStateException("the Raft hard state file holds " + bytes.length + " B, expected 20");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new HardState(buffer.getLong(), buffer.getInt(), buffer.getLong());
    }

    /** The snapshot file's state: {@code voters learners data}, each id set as {@code count:i32 id:i32*}. */
    private static byte[] encodeSnapshotState(Snapshot snapshot) {
        ConfState conf = snapshot.conf();
        ByteBuffer buffer = ByteBuffer.allocate(8 + 4 * (conf.voters().size() + conf.learners().size())
                + snapshot.data().length);
        buffer.putInt(conf.voters().size());
        conf.voters().forEach(buffer::putInt);
        buffer.putInt(conf.learners().size());
        conf.learners().forEach(buffer::putInt);
        return buffer.put(snapshot.data()).array();
    }

    private static Snapshot decodeSnapshot(long index, long term, byte[] state) throws IOException {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(state);
            Set<Integer> voters = readIds(buffer);
            Set<Integer> learners = readIds(buffer);
            byte[] data = new byte[buffer.remaining()];
            buffer.get(data);
            return new Snapshot(index, term, new ConfState(voters, learners), data);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IOException("Raft snapshot " + index + " has a malformed membership header", e);
        }
    }

    private static Set<Integer> readIds(ByteBuffer buffer) {
        int count = buffer.getInt();
        if (count < 0 || count > buffer.remaining() / 4) {
            throw new IllegalArgumentException("id count " + count);
        }
        Set<Integer> ids = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            ids.add(buffer.getInt());
        }
        return ids;
    }
}
