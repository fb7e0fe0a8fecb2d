package io.novacron.consensus.pbft;

import java.io.IOException;
import java.util.List;

import io.novacron.consensus.log.LogStore;
import io.novacron.consensus.pbft.PbftMessage.State;

/**
 * Carries out the persist step of a {@link PbftReplica}'s {@link Ready} on a {@link LogStore}, and reads back what a
 * restarted replica needs ({@link #recovered()}, then {@link PbftReplica#restore}).
 * <p>
 * One {@link LogStore#sync()} per Ready (group commit): the Ready's {@code toPersist} messages are appended as
 * MESSAGE records, a changed view as a VIEW record, and a new stable checkpoint closes a garbage-collection round:
 * the live messages above it are copied forward, then a BASE record holds the checkpoint's proof and the replica's
 * own state there (client table and application snapshot, which the replica reports in {@code toPersist} when it
 * takes a checkpoint or installs fetched state). Everything before the copies is dropped with
 * {@link LogStore#compactPrefix} at the start of the next persist, once the BASE is known durable. See
 * {@link JournalRecord} for the record layout. Large application states belong in a snapshot store instead; the
 * journal keeps them inline because the simulator's and the tests' states are small.
 * <p>
 * Not thread-safe: the driver thread that owns the replica owns its journal.
 */
public final class PbftJournal {

    private static final int READ_BATCH_RECORDS = 256;

    private final LogStore log;
    private final JournalContents contents;
    /** Records up to here precede a BASE that the last sync made durable; dropped at the next persist. */
    private long compactThrough;

    private PbftJournal(LogStore log, JournalContents contents) {
        this.log = log;
        this.contents = contents;
    }

    /**
     * Reads every record of {@code log} (empty for a new replica) and returns a journal appending after them.
     *
     * @throws IOException the log cannot be read, or holds a record that is not a PBFT journal record
     */
    public static PbftJournal open(LogStore log) throws IOException {
        JournalContents contents = new JournalContents();
        long index = log.firstIndex();
        while (index <= log.lastIndex()) {
            for (byte[] payload : log.read(index, READ_BATCH_RECORDS)) {
                try {
                    contents.apply(index, JournalRecord.decode(payload));
                } catch (MalformedMessageException e) {
                    // The record passed the log's checksum, so this is a format mismatch, not a torn write.
                    throw new IOException("PBFT journal record " + index + " cannot be decoded: " + e.getMessage(), e);
                }
                index++;
            }
        }
        contents.dropDuplicates();
        return new PbftJournal(log, contents);
    }

    /** What a replica restarting from this journal resumes from. */
    public PbftRecoveredState recovered() {
        return contents.recovered();
    }

    /** The stable checkpoint of the last BASE written or read, 0 if none. */
    public long stableSequence() {
        return contents.stableSequence();
    }

    /**
     * Persists {@code ready}'s view, messages and stable checkpoint and makes them durable with one sync; call it
     * before sending anything of the Ready. A Ready with nothing to persist costs no sync.
     *
     * @throws IOException the log failed; the replica must stop, since its votes may not be durable
     * @throws IllegalStateException a checkpoint became stable without the replica having reported its own state at
     *                               it in an earlier or the same Ready (a driver or core bug)
     */
    public void persist(Ready ready) throws IOException {
        if (write(ready)) {
            sync();
        }
    }

    /**
     * Appends what {@link #persist} would, without the sync: a driver that handles several Readies in one round writes
     * each and then calls {@link #sync()} once, before it sends anything of any of them. Each sync costs a disk
     * flush (about 4 ms on the project's disk), and a round of a busy replica held several Readies.
     *
     * @return whether anything was appended, so that a sync is needed before the Ready's messages leave
     */
    public boolean write(Ready ready) throws IOException {
        boolean changed = false;
        if (compactThrough >= log.firstIndex()) {
            log.compactPrefix(compactThrough); // durable with this persist's sync, like everything below
            changed = true;
        }
        for (PbftMessage message : ready.toPersist()) {
            byte[] encoded = PbftMessageCodec.encode(message);
            contents.addMessage(append(JournalRecord.message(encoded)), message, encoded);
            changed = true;
        }
        if (ready.view() > contents.view()) {
            append(JournalRecord.view(ready.view()));
            contents.apply(log.lastIndex(), new JournalRecord.View(ready.view()));
            changed = true;
        }
        List<StableCheckpoint> stable = ready.stableCheckpoints();
        if (!stable.isEmpty() && stable.get(stable.size() - 1).sequence() > contents.stableSequence()) {
            writeBase(stable.get(stable.size() - 1));
            changed = true;
        }
        return changed;
    }

    /** Makes everything written so far durable. */
    public void sync() throws IOException {
        log.sync();
    }

    /** Copies the messages live above the new checkpoint forward, then the BASE after them (§4.3 garbage collection). */
    private void writeBase(StableCheckpoint stable) throws IOException {
        long sequence = stable.sequence();
        State own = contents.ownState(sequence);
        if (own == null) {
            throw new IllegalStateException("checkpoint " + sequence + " became stable but the replica's own state "
                    + "at it was never persisted");
        }
        // Copies first and the BASE last: a crash that tears them off leaves the old round intact and readable.
        List<JournalContents.Held> live = contents.live(sequence);
        for (JournalContents.Held held : live) {
            contents.addMessage(append(JournalRecord.message(held.encoded())), held.message(), held.encoded());
        }
        JournalRecord.Base base = new JournalRecord.Base(contents.view(), sequence, live.size(), stable.proof(), own);
        long baseIndex = append(JournalRecord.base(base.view(), sequence, live.size(), stable.proof(), own));
        contents.applyBase(baseIndex, base);
        compactThrough = baseIndex - live.size() - 1;
    }

    private long append(byte[] payload) throws IOException {
        long index = log.lastIndex() + 1;
        log.append(index, payload);
        return index;
    }
}
