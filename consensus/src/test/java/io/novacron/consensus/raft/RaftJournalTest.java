package io.novacron.consensus.raft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.novacron.consensus.log.HintFile;
import io.novacron.consensus.log.LogConfig;
import io.novacron.consensus.log.LogStore;
import io.novacron.consensus.log.MetadataFile;
import io.novacron.consensus.log.SegmentedFileLog;
import io.novacron.consensus.log.SnapshotStore;

/** The journal keeps what Raft §5 (Figure 2: term, vote, log) and §7 (snapshots) require to survive a restart. */
class RaftJournalTest {

    @TempDir
    Path dir;

    private final List<LogStore> opened = new ArrayList<>();

    private RaftJournal open() throws IOException {
        LogStore log = SegmentedFileLog.open(dir.resolve("log"), LogConfig.defaults());
        opened.add(log);
        return RaftJournal.open(log, new MetadataFile(dir.resolve("hard-state")), new HintFile(dir.resolve("commit")),
                new SnapshotStore(dir.resolve("snapshots")));
    }

    /** A restart: close what was open and read everything back from disk. */
    private PersistentState reopen() throws IOException {
        for (LogStore log : opened) {
            log.close();
        }
        opened.clear();
        return open().recover();
    }

    private static Entry entry(long term, long index, String data) {
        return new Entry(term, index, EntryType.NORMAL, data.getBytes(StandardCharsets.UTF_8));
    }

    private static Ready persistOnly(Optional<HardState> hardState, List<Entry> entries, Optional<Snapshot> snapshot) {
        return new Ready(hardState, entries, snapshot, List.of(), List.of(), List.of());
    }

    @Test
    void termVoteAndEntriesSurviveARestart() throws IOException {
        RaftJournal journal = open();
        journal.persist(persistOnly(Optional.of(new HardState(2, 1, 3)),
                List.of(entry(1, 1, "a"), entry(2, 2, "b"), entry(2, 3, "c")), Optional.empty()));
        PersistentState state = reopen();
        assertEquals(new HardState(2, 1, 3), state.hardState());
        assertEquals(List.of(entry(1, 1, "a"), entry(2, 2, "b"), entry(2, 3, "c")), state.entries());
        assertEquals(Snapshot.EMPTY, state.snapshot());
    }

    @Test
    void aCommitIndexThatMovedAloneComesBackFromItsHint() throws IOException {
        RaftJournal journal = open();
        List<Entry> entries = List.of(entry(1, 1, "a"), entry(1, 2, "b"), entry(1, 3, "c"));
        journal.persist(persistOnly(Optional.of(new HardState(1, 1, 0)), entries, Optional.empty()));
        byte[] durable = java.nio.file.Files.readAllBytes(dir.resolve("hard-state"));
        journal.persist(persistOnly(Optional.of(new HardState(1, 1, 2)), List.of(), Optional.empty()));
        assertArrayEquals(durable, java.nio.file.Files.readAllBytes(dir.resolve("hard-state")),
                "only a new term or vote rewrites the durable hard state");
        journal.close();
        assertEquals(new HardState(1, 1, 2), reopen().hardState());
    }

    @Test
    void aLostCommitHintFallsBackToTheDurableHardState() throws IOException {
        RaftJournal journal = open();
        List<Entry> entries = List.of(entry(1, 1, "a"), entry(1, 2, "b"));
        journal.persist(persistOnly(Optional.of(new HardState(1, 1, 1)), entries, Optional.empty()));
        journal.persist(persistOnly(Optional.of(new HardState(1, 1, 2)), List.of(), Optional.empty()));
        journal.close();
        java.nio.file.Files.write(dir.resolve("commit"), new byte[] {1, 2, 3}); // torn by a crash
        assertEquals(new HardState(1, 1, 1), reopen().hardState(), "an older committed prefix is still safe");
    }

    @Test
    void aNewTermIsDurableWithTheCommitIndexItCarries() throws IOException {
        RaftJournal journal = open();
        journal.persist(persistOnly(Optional.of(new HardState(1, 1, 0)), List.of(entry(1, 1, "a")), Optional.empty()));
        journal.persist(persistOnly(Optional.of(new HardState(1, 1, 1)), List.of(), Optional.empty()));
        journal.persist(persistOnly(Optional.of(new HardState(2, 3, 1)), List.of(), Optional.empty()));
        journal.close();
        java.nio.file.Files.delete(dir.resolve("commit"));
        assertEquals(new HardState(2, 3, 1), reopen().hardState());
    }

    @Test
    void aConflictingSuffixIsReplaced() throws IOException {
        RaftJournal journal = open();
        journal.persist(persistOnly(Optional.empty(), List.of(entry(1, 1, "a"), entry(1, 2, "b"), entry(1, 3, "c")),
                Optional.empty()));
        journal.persist(persistOnly(Optional.empty(), List.of(entry(2, 2, "x")), Optional.empty())); // §5.3
        assertEquals(List.of(entry(1, 1, "a"), entry(2, 2, "x")), reopen().entries());
    }

    @Test
    void anInstalledSnapshotRestartsTheLogAfterIt() throws IOException {
        RaftJournal journal = open();
        journal.persist(persistOnly(Optional.empty(), List.of(entry(1, 1, "old")), Optional.empty()));
        Snapshot snapshot = new Snapshot(10, 3, new ConfState(Set.of(1, 2, 3), Set.of(4)), new byte[] {7, 7});
        journal.persist(persistOnly(Optional.of(new HardState(3, 2, 10)), List.of(entry(3, 11, "n")),
                Optional.of(snapshot)));
        PersistentState state = reopen();
        assertEquals(10, state.snapshot().index());
        assertEquals(3, state.snapshot().term());
        assertEquals(snapshot.conf(), state.snapshot().conf(), "membership travels with the snapshot (§7)");
        assertArrayEquals(new byte[] {7, 7}, state.snapshot().data());
        assertEquals(List.of(entry(3, 11, "n")), state.entries());
    }

    @Test
    void compactionKeepsOnlyTheEntriesAfterTheSnapshot() throws IOException {
        RaftJournal journal = open();
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            entries.add(entry(1, i, "e" + i));
        }
        journal.persist(persistOnly(Optional.of(new HardState(1, 1, 20)), entries, Optional.empty()));
        journal.compact(new Snapshot(15, 1, new ConfState(Set.of(1), Set.of()), new byte[] {15}));
        PersistentState state = reopen();
        assertEquals(15, state.snapshot().index());
        assertEquals(entries.subList(15, 20), state.entries());
    }

    @Test
    void aLogThatDoesNotReachTheSnapshotIsRefusedWithTheGap() throws IOException {
        RaftJournal journal = open();
        journal.persist(persistOnly(Optional.empty(), List.of(), Optional.of(
                new Snapshot(10, 1, new ConfState(Set.of(1), Set.of()), new byte[0]))));
        journal.persist(persistOnly(Optional.empty(), List.of(entry(1, 11, "a")), Optional.empty()));
        reopen();
        // Lose the snapshot but keep the log that starts after it: entries 1..10 are nowhere.
        for (Path file : java.nio.file.Files.list(dir.resolve("snapshots")).toList()) {
            java.nio.file.Files.delete(file);
        }
        IOException e = assertThrows(IOException.class, this::reopen);
        assertTrue(e.getMessage().contains("entries 1..10 are missing"), e.getMessage());
    }

    @Test
    void aNodeRebuiltFromTheJournalCarriesOnWhereItStopped() throws IOException {
        RaftConfig config = new RaftConfig(1, Set.of(1), Set.of(), 10, 1, 64, 1 << 20, 8, true, true).validate();
        RaftJournal journal = open();
        RaftNode node = new RaftNode(config, journal.recover(), new SplittableRandom(1));
        List<String> applied = new ArrayList<>();
        drive(node, journal, applied, "one", "two", "three");
        long termBefore = node.status().term();
        long lastBefore = node.status().lastIndex();

        RaftJournal reopened = RaftJournal.open(reopenLog(), new MetadataFile(dir.resolve("hard-state")),
                new HintFile(dir.resolve("commit")), new SnapshotStore(dir.resolve("snapshots")));
        RaftNode restarted = new RaftNode(config, reopened.recover(), new SplittableRandom(2));
        assertEquals(termBefore, restarted.status().term(), "the term is never forgotten (Figure 2)");
        assertEquals(lastBefore, restarted.status().lastIndex());
        List<String> appliedAfter = new ArrayList<>();
        drive(restarted, reopened, appliedAfter, "four");
        assertTrue(restarted.status().term() > termBefore, "a new election at a higher term");
        assertEquals(List.of("one", "two", "three", "four"), appliedAfter.stream()
                .filter(s -> !s.isEmpty()).toList(), "the restarted node re-applies its log, then goes on");
    }

    private LogStore reopenLog() throws IOException {
        for (LogStore log : opened) {
            log.close();
        }
        opened.clear();
        LogStore log = SegmentedFileLog.open(dir.resolve("log"), LogConfig.defaults());
        opened.add(log);
        return log;
    }

    /** Elects the single voter, proposes {@code commands} and drives every Ready through the journal. */
    private static void drive(RaftNode node, RaftJournal journal, List<String> applied, String... commands)
            throws IOException {
        for (int tick = 0; tick < 100 && node.status().role() != StateRole.LEADER; tick++) {
            node.tick();
            drain(node, journal, applied);
        }
        assertEquals(StateRole.LEADER, node.status().role(), "a single voter elects itself");
        for (String command : commands) {
            try {
                node.propose(command.getBytes(StandardCharsets.UTF_8));
            } catch (NotLeaderException | ProposalRejectedException e) {
                throw new AssertionError(e);
            }
            drain(node, journal, applied);
        }
    }

    private static void drain(RaftNode node, RaftJournal journal, List<String> applied) throws IOException {
        while (node.hasReady()) {
            Ready ready = node.ready();
            journal.persist(ready);
            for (Entry entry : ready.committedEntries()) {
                if (entry.type() == EntryType.NORMAL) {
                    applied.add(new String(entry.data(), StandardCharsets.UTF_8));
                }
            }
            node.advance(ready);
        }
    }
}
