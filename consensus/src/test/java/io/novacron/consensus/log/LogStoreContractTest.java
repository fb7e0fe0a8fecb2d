package io.novacron.consensus.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link LogStore} contract, run against every implementation (Ratis' one-suite-many-backends
 * shape), so the simulator's {@link MemoryLogStore} cannot drift from the real {@link SegmentedFileLog}.
 */
abstract class LogStoreContractTest {
    /** Small, so that the file implementation rolls over every few records. */
    static final LogConfig SMALL = LogConfig.defaults().withSegmentSizeBytes(256).withAppendBufferSizeBytes(64)
            .withPayloadSizeBytesMax(1024);

    LogStore log;

    /** A fresh, empty store configured with {@link #SMALL}. */
    abstract LogStore newStore() throws IOException;

    /** The same storage after a clean {@code close()} and a restart. */
    abstract LogStore reopen(LogStore closed) throws IOException;

    @BeforeEach
    void openStore() throws IOException {
        log = newStore();
    }

    @AfterEach
    void closeStore() throws IOException {
        log.close();
    }

    static byte[] payload(long index) {
        // Lengths vary from 0 to 60 bytes so frames straddle buffer and segment boundaries.
        return ("r" + index + "-".repeat((int) (index * 7 % 61))).substring(0, (int) (index * 7 % 61))
                .getBytes(StandardCharsets.UTF_8);
    }

    void appendRange(long fromIndex, long toIndex) throws IOException {
        for (long i = fromIndex; i <= toIndex; i++) {
            log.append(i, payload(i));
        }
    }

    void assertHolds(long fromIndex, long toIndex) throws IOException {
        assertEquals(fromIndex, log.firstIndex(), "firstIndex");
        assertEquals(toIndex, log.lastIndex(), "lastIndex");
        for (long i = fromIndex; i <= toIndex; i++) {
            assertArrayEquals(payload(i), log.read(i), "record " + i);
        }
    }

    void restart() throws IOException {
        log.close();
        log = reopen(log);
    }

    @Test
    void emptyLogStartsAtIndexOne() throws IOException {
        assertEquals(1, log.firstIndex());
        assertEquals(0, log.lastIndex());
        assertEquals(List.of(), log.read(1, 10));
        assertEquals(0, log.sync());
    }

    @Test
    void roundTripSurvivesRestart() throws IOException {
        appendRange(1, 100);
        assertHolds(1, 100); // readable before sync
        assertEquals(100, log.sync());
        restart();
        assertHolds(1, 100);
        appendRange(101, 120);
        log.sync();
        assertHolds(1, 120);
    }

    @Test
    void batchReadsCrossSegmentsAndStopAtTheEnd() throws IOException {
        appendRange(1, 50);
        for (int from = 1; from <= 51; from += 7) {
            List<byte[]> batch = log.read(from, 7);
            assertEquals(Math.min(7, 51 - from), batch.size(), "batch from " + from);
            for (int k = 0; k < batch.size(); k++) {
                assertArrayEquals(payload(from + k), batch.get(k), "record " + (from + k));
            }
        }
        assertEquals(50, log.read(1, 1000).size());
        assertEquals(List.of(), log.read(51, 5));
        assertEquals(List.of(), log.read(10, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> log.read(52, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> log.read(0, 1));
    }

    @Test
    void appendRejectsAnIndexThatIsNotNext() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> log.append(2, new byte[1]));
        log.append(1, new byte[1]);
        assertThrows(IllegalArgumentException.class, () -> log.append(1, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> log.append(3, new byte[1]));
        assertEquals(1, log.lastIndex());
    }

    @Test
    void appendRejectsAnOversizedPayload() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> log.append(1, new byte[1025]));
        assertTrue(e.getMessage().contains("payloadSizeBytesMax=1024"), e.getMessage());
    }

    @Test
    void readOutsideTheLogFails() throws IOException {
        appendRange(1, 3);
        assertThrows(IndexOutOfBoundsException.class, () -> log.read(0));
        assertThrows(IndexOutOfBoundsException.class, () -> log.read(4));
    }

    @Test
    void readersGetCopies() throws IOException {
        log.append(1, new byte[] {1, 2, 3});
        log.read(1)[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, log.read(1));
    }

    @Test
    void truncateSuffixAcrossSegmentsThenAppendNewRecords() throws IOException {
        appendRange(1, 60);
        log.sync();
        log.truncateSuffix(17);
        assertHolds(1, 16);
        assertThrows(IndexOutOfBoundsException.class, () -> log.read(17));
        byte[] replacement = "new-17".getBytes(StandardCharsets.UTF_8);
        log.append(17, replacement);
        log.sync();
        restart();
        assertEquals(17, log.lastIndex());
        assertArrayEquals(replacement, log.read(17));
        assertArrayEquals(payload(16), log.read(16));
    }

    @Test
    void truncateSuffixBoundaries() throws IOException {
        appendRange(1, 10);
        log.truncateSuffix(11); // no-op
        assertEquals(10, log.lastIndex());
        assertThrows(IllegalArgumentException.class, () -> log.truncateSuffix(12));
        assertThrows(IllegalArgumentException.class, () -> log.truncateSuffix(0));
        log.truncateSuffix(1);
        assertEquals(0, log.lastIndex());
        appendRange(1, 5);
        log.sync();
        restart();
        assertHolds(1, 5);
    }

    @Test
    void compactPrefixDropsOldRecordsAndKeepsTheRest() throws IOException {
        appendRange(1, 80);
        log.sync();
        log.compactPrefix(40);
        assertHolds(41, 80);
        assertThrows(IndexOutOfBoundsException.class, () -> log.read(40));
        log.compactPrefix(10); // below firstIndex: no-op
        assertEquals(41, log.firstIndex());
        assertThrows(IllegalArgumentException.class, () -> log.truncateSuffix(40));
        appendRange(81, 90);
        log.sync();
        restart();
        // A partly covered segment may bring back a few compacted records, never lose kept ones.
        assertTrue(log.firstIndex() <= 41, "firstIndex " + log.firstIndex());
        assertEquals(90, log.lastIndex());
        for (long i = 41; i <= 90; i++) {
            assertArrayEquals(payload(i), log.read(i), "record " + i);
        }
    }

    @Test
    void compactPrefixPastTheEndEmptiesTheLog() throws IOException {
        appendRange(1, 20);
        log.sync();
        log.compactPrefix(30);
        assertEquals(31, log.firstIndex());
        assertEquals(30, log.lastIndex());
        assertThrows(IllegalArgumentException.class, () -> log.append(21, new byte[1]));
        restart();
        assertEquals(31, log.firstIndex());
        appendRange(31, 33);
        assertHolds(31, 33);
    }

    @Test
    void resetStartsOverAtTheGivenIndex() throws IOException {
        appendRange(1, 30);
        log.sync();
        log.reset(7);
        assertEquals(7, log.firstIndex());
        assertEquals(6, log.lastIndex());
        assertEquals(List.of(), log.read(7, 3));
        restart();
        assertEquals(7, log.firstIndex());
        appendRange(7, 40);
        log.sync();
        restart();
        assertHolds(7, 40);
        assertThrows(IllegalArgumentException.class, () -> log.reset(0));
    }

    @Test
    void closedStoreRefusesUse() throws IOException {
        log.close();
        assertThrows(IllegalStateException.class, () -> log.append(1, new byte[1]));
        assertThrows(IllegalStateException.class, () -> log.sync());
        log.close(); // idempotent
        log = reopen(log);
    }
}
