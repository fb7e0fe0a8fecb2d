package io.novacron.consensus.pbft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.novacron.consensus.log.LogConfig;
import io.novacron.consensus.log.LogStore;
import io.novacron.consensus.log.MemoryLogStore;
import io.novacron.consensus.log.SegmentedFileLog;
import io.novacron.consensus.pbft.PbftMessage.Checkpoint;
import io.novacron.consensus.pbft.PbftMessage.Commit;
import io.novacron.consensus.pbft.PbftMessage.PrePrepare;
import io.novacron.consensus.pbft.PbftMessage.Prepare;
import io.novacron.consensus.pbft.PbftMessage.State;
import io.novacron.crypto.Digests;

/**
 * The PBFT journal on both log stores: what a replica persisted before sending (Castro and Liskov, TOCS'02 §4.2:
 * a replica's log of accepted messages; §4.3: checkpoints and garbage collection; §4.4: view) comes back after a
 * crash, an unsynced tail does not, and a torn garbage-collection round never hides the messages it copied.
 */
class PbftJournalTest {

    private static final LogConfig SMALL_SEGMENTS = LogConfig.defaults().withSegmentSizeBytes(512);
    private static final FakeKeys REPLICAS = new FakeKeys("replica");
    private static final FakeKeys CLIENTS = new FakeKeys("client");

    @TempDir
    Path dir;

    @Test
    void castroLiskov43_roundTripThroughStableCheckpointOnSegmentedFileLog() throws IOException {
        PbftRecoveredState before;
        try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL_SEGMENTS)) {
            before = writeTwoCheckpointRounds(log);
            assertTrue(log.firstIndex() > 1, "records below the stable checkpoint were compacted away");
        }
        try (SegmentedFileLog reopened = SegmentedFileLog.open(dir, SMALL_SEGMENTS)) {
            assertSameState(before, PbftJournal.open(reopened).recovered());
        }
    }

    @Test
    void castroLiskov43_roundTripThroughStableCheckpointOnMemoryLogStore() throws IOException {
        MemoryLogStore log = new MemoryLogStore();
        PbftRecoveredState before = writeTwoCheckpointRounds(log);
        assertEquals(0, log.crash(), "every Ready was synced");
        assertSameState(before, PbftJournal.open(log).recovered());
    }

    /** §4.3: after the checkpoint at 4 is stable only the view, the proof, the state at 4 and what is above remain. */
    private static PbftRecoveredState writeTwoCheckpointRounds(LogStore log) throws IOException {
        PbftJournal journal = PbftJournal.open(log);
        List<PbftMessage> votes = new ArrayList<>();
        for (long sequence = 1; sequence <= 5; sequence++) {
            votes.addAll(slotVotes(0, sequence, "op" + sequence));
        }
        State own = ownState(4, "state at 4");
        votes.add(own);
        journal.persist(ready(0, votes, List.of()));
        journal.persist(ready(2, List.of(checkpointVote(2, 4, own)), List.of(stable(4, own))));
        journal.persist(ready(2, List.of(sign(new Prepare(3, 2, 6, new byte[32], new byte[0]))), List.of()));

        PbftRecoveredState recovered = journal.recovered();
        assertEquals(2, recovered.view());
        assertEquals(4, recovered.stableSequence());
        assertEquals(3, recovered.stableProof().size());
        assertEquals("state at 4", new String(recovered.applicationSnapshot()));
        for (PbftMessage message : recovered.messages()) {
            assertTrue(JournalContents.sequenceOf(message) > 4, "only messages above h survive: " + message.type());
        }
        // sequence 5's pre-prepare, 3 prepares and 4 commits, plus the prepare at 6
        assertEquals(9, recovered.messages().size());
        return recovered;
    }

    @Test
    void crashBeforeSyncLosesTheUnsyncedReadyAndNothingElse() throws IOException {
        MemoryLogStore memory = new MemoryLogStore();
        FailingSyncLog log = new FailingSyncLog(memory);
        PbftJournal journal = PbftJournal.open(log);
        List<PbftMessage> first = slotVotes(0, 1, "kept");
        journal.persist(ready(0, first, List.of()));

        log.failSync = true; // power fails after the appends, before the fsync: nothing of this Ready was sent
        assertThrows(IOException.class, () -> journal.persist(ready(1, slotVotes(1, 2, "lost"), List.of())));
        assertTrue(memory.crash() > 0, "the second Ready's records were appended but not synced");

        PbftRecoveredState recovered = PbftJournal.open(memory).recovered();
        assertEquals(0, recovered.view(), "the unsynced view change is gone with its votes");
        assertEquals(encodings(first), encodings(recovered.messages()));
    }

    @Test
    void castroLiskov43_tornBaseRecordKeepsThePreviousRoundWhole() throws IOException {
        State own = ownState(4, "state at 4");
        List<PbftMessage> votes = new ArrayList<>();
        for (long sequence = 1; sequence <= 5; sequence++) {
            votes.addAll(slotVotes(0, sequence, "op" + sequence));
        }
        votes.add(own);
        try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL_SEGMENTS)) {
            PbftJournal journal = PbftJournal.open(log);
            journal.persist(ready(0, votes, List.of()));
            // The BASE is the last record this Ready writes, after the copies of the live messages.
            journal.persist(ready(0, List.of(), List.of(stable(4, own))));
        }
        Path lastSegment;
        try (Stream<Path> files = Files.list(dir)) {
            lastSegment = files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted()
                    .reduce((a, b) -> b).orElseThrow();
        }
        try (FileChannel channel = FileChannel.open(lastSegment, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 3); // a crash tore the BASE's last bytes
        }
        try (SegmentedFileLog reopened = SegmentedFileLog.open(dir, SMALL_SEGMENTS)) {
            PbftRecoveredState recovered = PbftJournal.open(reopened).recovered();
            assertEquals(0, recovered.stableSequence(), "the torn BASE does not count");
            assertEquals(sorted(encodings(votes)), sorted(encodings(recovered.messages())),
                    "every vote is still there, once (the copies moved seq 5's votes after the state)");
        }
    }

    @Test
    void stableCheckpointWithoutPersistedOwnStateIsRefused() throws IOException {
        PbftJournal journal = PbftJournal.open(new MemoryLogStore());
        State own = ownState(4, "never persisted");
        assertThrows(IllegalStateException.class, () -> journal.persist(ready(0, List.of(), List.of(stable(4, own)))));
    }

    @Test
    void recordThatIsNotAJournalRecordRefusesToOpen() throws IOException {
        MemoryLogStore log = new MemoryLogStore();
        PbftJournal.open(log).persist(ready(0, slotVotes(0, 1, "fine"), List.of()));
        byte[] base = JournalRecord.base(0, 4, 0, List.of(), ownState(4, "s"));
        log.append(log.lastIndex() + 1, java.util.Arrays.copyOf(base, base.length - 1)); // a BASE cut short
        log.sync();
        IOException refused = assertThrows(IOException.class, () -> PbftJournal.open(log));
        assertTrue(refused.getMessage().contains("record " + log.lastIndex()), refused.getMessage());
    }

    // ---------------------------------------------------------------- helpers

    /** A pre-prepare by the view's primary, prepares from the three backups and commits from all four. */
    static List<PbftMessage> slotVotes(long view, long sequence, String operation) {
        ClientRequest request = ClientRequest.signed(7, sequence, operation.getBytes(), CLIENTS.signer(7));
        int primary = (int) (view % 4);
        PrePrepare pp = sign(new PrePrepare(primary, view, sequence, PrePrepare.digestOf(List.of(request)),
                List.of(request), new byte[0]));
        List<PbftMessage> votes = new ArrayList<>(List.of(pp));
        for (int replica = 0; replica < 4; replica++) {
            if (replica != primary) {
                votes.add(sign(new Prepare(replica, view, sequence, pp.batchDigest(), new byte[0])));
            }
        }
        for (int replica = 0; replica < 4; replica++) {
            votes.add(sign(new Commit(replica, view, sequence, pp.batchDigest(), new byte[0])));
        }
        return votes;
    }

    static State ownState(long sequence, String snapshot) {
        return new State(1, sequence, new ClientTable().encode(), snapshot.getBytes(), new byte[0]);
    }

    static Checkpoint checkpointVote(int sender, long sequence, State state) {
        return sign(new Checkpoint(sender, sequence, Digests.sha256(state.replicaState(), state.applicationSnapshot()),
                new byte[0]));
    }

    static StableCheckpoint stable(long sequence, State state) {
        List<Checkpoint> proof = List.of(checkpointVote(0, sequence, state), checkpointVote(1, sequence, state),
                checkpointVote(2, sequence, state));
        return new StableCheckpoint(sequence, proof.get(0).stateDigest(), proof);
    }

    static Ready ready(long view, List<PbftMessage> toPersist, List<StableCheckpoint> stable) {
        return new Ready(view, toPersist, List.of(), List.of(), List.of(), stable, Optional.empty());
    }

    @SuppressWarnings("unchecked")
    static <T extends PbftMessage> T sign(T message) {
        return (T) message.withSignature(REPLICAS.signer(message.senderId())
                .sign(PbftMessageCodec.signedBytes(message)));
    }

    static List<String> encodings(List<? extends PbftMessage> messages) {
        List<String> out = new ArrayList<>();
        for (PbftMessage message : messages) {
            out.add(java.util.HexFormat.of().formatHex(PbftMessageCodec.encode(message)));
        }
        return out;
    }

    static List<String> sorted(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        copy.sort(null);
        return copy;
    }

    static void assertSameState(PbftRecoveredState expected, PbftRecoveredState actual) {
        assertEquals(expected.view(), actual.view(), "view");
        assertEquals(expected.stableSequence(), actual.stableSequence(), "stable checkpoint");
        assertEquals(encodings(expected.stableProof()), encodings(actual.stableProof()), "stable proof");
        assertEquals(new String(expected.applicationSnapshot()), new String(actual.applicationSnapshot()));
        assertEquals(java.util.HexFormat.of().formatHex(expected.clientTable()),
                java.util.HexFormat.of().formatHex(actual.clientTable()), "client table");
        assertEquals(encodings(expected.messages()), encodings(actual.messages()), "messages above h");
    }

    /** A log whose fsync can be made to fail, as a power loss between write and fsync would. */
    static final class FailingSyncLog implements LogStore {
        private final LogStore delegate;
        boolean failSync;

        FailingSyncLog(LogStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void append(long index, byte[] payload) throws IOException {
            delegate.append(index, payload);
        }

        @Override
        public long sync() throws IOException {
            if (failSync) {
                throw new IOException("simulated power loss before fsync");
            }
            return delegate.sync();
        }

        @Override
        public byte[] read(long index) throws IOException {
            return delegate.read(index);
        }

        @Override
        public List<byte[]> read(long fromIndex, int maxCount) throws IOException {
            return delegate.read(fromIndex, maxCount);
        }

        @Override
        public long firstIndex() {
            return delegate.firstIndex();
        }

        @Override
        public long lastIndex() {
            return delegate.lastIndex();
        }

        @Override
        public void truncateSuffix(long fromIndex) throws IOException {
            delegate.truncateSuffix(fromIndex);
        }

        @Override
        public void compactPrefix(long throughIndex) throws IOException {
            delegate.compactPrefix(throughIndex);
        }

        @Override
        public void reset(long nextIndex) throws IOException {
            delegate.reset(nextIndex);
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
