package io.novacron.consensus.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic saves, retention and fallback of {@link SnapshotStore}. */
class SnapshotStoreTest {
    @TempDir
    Path dir;

    private static byte[] state(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anEmptyStoreHasNoSnapshot() throws IOException {
        assertEquals(Optional.empty(), new SnapshotStore(dir).loadLatest());
    }

    @Test
    void theNewestIsLoadedAndOnlyTheNewestTwoAreKept() throws IOException {
        SnapshotStore store = new SnapshotStore(dir);
        for (long index = 10; index <= 50; index += 10) {
            store.save(index, index / 10, state("state@" + index));
        }
        assertEquals(List.of(40L, 50L), store.indexes());
        SnapshotLoad load = store.loadLatest().orElseThrow();
        assertFalse(load.fellBack());
        assertEquals(50, load.file().readSnapshot().index());
        assertEquals(5, load.file().readSnapshot().term());
        assertArrayEquals(state("state@50"), load.file().readSnapshot().state());
    }

    @Test
    void aStreamedLargeStateRoundTrips() throws IOException {
        byte[] big = new byte[300_000]; // several copy buffers
        new Random(5).nextBytes(big);
        SnapshotStore store = new SnapshotStore(dir, 1);
        store.save(7, 3, new ByteArrayInputStream(big));
        SnapshotFile file = store.loadLatest().orElseThrow().file();
        assertEquals(big.length, file.stateSizeBytes());
        assertArrayEquals(big, file.readSnapshot().state());
        try (InputStream in = file.openState()) {
            assertArrayEquals(big, in.readAllBytes()); // the trailer does not leak into the state
        }
    }

    @Test
    void aFileDamagedAfterItWasFoundIsCaughtWhenRead() throws IOException {
        SnapshotStore store = new SnapshotStore(dir);
        store.save(3, 1, state("abcdef"));
        SnapshotFile file = store.loadLatest().orElseThrow().file();
        byte[] bytes = Files.readAllBytes(file.path());
        bytes[SnapshotStore.HEADER_BYTES + 2] ^= 1;
        Files.write(file.path(), bytes);
        assertThrows(CorruptFileException.class, file::readSnapshot);
    }

    @Test
    void aCorruptNewestFallsBackToThePreviousWithAWarning() throws IOException {
        SnapshotStore store = new SnapshotStore(dir);
        store.save(100, 4, state("older"));
        store.save(200, 5, state("newer"));
        Path newest = dir.resolve(SnapshotStore.fileName(200));
        byte[] bytes = Files.readAllBytes(newest);
        bytes[SnapshotStore.HEADER_BYTES] ^= 1;
        Files.write(newest, bytes);
        SnapshotLoad load = store.loadLatest().orElseThrow();
        assertTrue(load.fellBack());
        assertEquals(100, load.file().readSnapshot().index());
        assertArrayEquals(state("older"), load.file().readSnapshot().state());
        assertEquals(1, load.warnings().size());
        assertTrue(load.warnings().get(0).contains(newest.toString()), load.warnings().get(0));
    }

    @Test
    void whenEverySnapshotIsCorruptLoadingFailsLoudly() throws IOException {
        SnapshotStore store = new SnapshotStore(dir);
        store.save(1, 1, state("a"));
        Path only = dir.resolve(SnapshotStore.fileName(1));
        Files.write(only, java.util.Arrays.copyOf(Files.readAllBytes(only), 30)); // truncated
        CorruptFileException e = assertThrows(CorruptFileException.class, store::loadLatest);
        assertTrue(e.getMessage().contains(only.toString()), e.getMessage());
    }

    @Test
    void aTempFileLeftByACrashBeforeRenameIsIgnoredThenDeleted() throws IOException {
        SnapshotStore store = new SnapshotStore(dir);
        store.save(10, 1, state("good"));
        Path temp = dir.resolve(SnapshotStore.fileName(20) + DurableFiles.TEMP_SUFFIX);
        Files.write(temp, state("half a snapshot"));
        SnapshotLoad load = store.loadLatest().orElseThrow();
        assertEquals(10, load.file().readSnapshot().index());
        assertFalse(load.fellBack());
        store.save(30, 2, state("next"));
        assertFalse(Files.exists(temp));
    }

    @Test
    void savingBelowTheNewestIsRefused() throws IOException {
        SnapshotStore store = new SnapshotStore(dir);
        store.save(10, 1, state("a"));
        store.save(10, 2, state("replaced")); // same index replaces
        assertEquals(2, store.loadLatest().orElseThrow().file().term());
        assertThrows(IllegalArgumentException.class, () -> store.save(9, 2, state("b")));
        assertThrows(IllegalArgumentException.class, () -> new SnapshotStore(dir, 0));
    }
}
