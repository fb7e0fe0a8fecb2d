package io.novacron.consensus.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the file log has: segment files, rollover, deletion on compaction, locking, recovery. */
class SegmentedFileLogTest {
    static final LogConfig SMALL = LogStoreContractTest.SMALL;

    @TempDir
    Path dir;

    static List<Path> segmentFiles(Path logDir) throws IOException {
        try (Stream<Path> files = Files.list(logDir)) {
            return files.filter(p -> Segment.parseFirstIndex(p.getFileName().toString()) >= 0).sorted()
                    .collect(Collectors.toList());
        }
    }

    static void fill(SegmentedFileLog log, long fromIndex, long toIndex) throws IOException {
        for (long i = fromIndex; i <= toIndex; i++) {
            log.append(i, LogStoreContractTest.payload(i));
        }
    }

    @Test
    void rolloverNamesSegmentsByTheirFirstIndexAndRespectsTheSize() throws IOException {
        try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL)) {
            fill(log, 1, 100);
            log.sync();
        }
        List<Path> files = segmentFiles(dir);
        assertTrue(files.size() > 10, "segments: " + files.size());
        assertEquals("00000000000000000001.log", files.get(0).getFileName().toString());
        long expectedFirst = 1;
        for (Path file : files) {
            assertEquals(expectedFirst, Segment.parseFirstIndex(file.getFileName().toString()), file.toString());
            assertTrue(Files.size(file) <= SMALL.segmentSizeBytes(), file + " is " + Files.size(file) + " bytes");
            expectedFirst += countFrames(file);
        }
        assertEquals(101, expectedFirst);
    }

    @Test
    void aRecordLargerThanASegmentGetsASegmentOfItsOwn() throws IOException {
        byte[] large = new byte[1000];
        large[999] = 7;
        try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL)) {
            log.append(1, new byte[] {1});
            log.append(2, large);
            log.append(3, new byte[] {3});
            log.sync();
        }
        try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL)) {
            assertArrayEquals(large, log.read(2));
            assertEquals(3, log.lastIndex());
        }
        assertEquals(3, segmentFiles(dir).size());
    }

    @Test
    void compactPrefixDeletesWholeSegmentsBelowOnly() throws IOException {
        try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL)) {
            fill(log, 1, 100);
            log.sync();
            int before = segmentFiles(dir).size();
            log.compactPrefix(50);
            List<Path> after = segmentFiles(dir);
            assertTrue(after.size() < before, before + " -> " + after.size());
            long oldestFirst = Segment.parseFirstIndex(after.get(0).getFileName().toString());
            long secondFirst = Segment.parseFirstIndex(after.get(1).getFileName().toString());
            assertTrue(oldestFirst <= 51 && secondFirst > 51, "kept segments start at " + oldestFirst + ", "
                    + secondFirst);
        }
    }

    @Test
    void resetLeavesOneEmptySegmentNamedByTheNextIndex() throws IOException {
        try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL)) {
            fill(log, 1, 50);
            log.reset(1000);
        }
        assertEquals(List.of(dir.resolve(Segment.fileName(1000))), segmentFiles(dir));
        assertFalse(Files.exists(dir.resolve(LogDirectory.RESET_MARKER_FILE)));
    }

    @Test
    void anInterruptedResetIsFinishedOnOpen() throws IOException {
        try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL)) {
            fill(log, 1, 50);
        }
        // A crash after the marker was written and before the old segments were all deleted.
        new MetadataFile(dir.resolve(LogDirectory.RESET_MARKER_FILE))
                .write(ByteBuffer.allocate(8).putLong(500).array());
        Files.delete(segmentFiles(dir).get(segmentFiles(dir).size() - 1));
        try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL)) {
            assertEquals(500, log.firstIndex());
            assertEquals(499, log.lastIndex());
            assertTrue(log.recoveryReport().notes().get(0).contains("interrupted reset"),
                    log.recoveryReport().toString());
            log.append(500, new byte[] {5});
        }
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefused() throws IOException {
        try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL)) {
            IOException e = assertThrows(IOException.class, () -> SegmentedFileLog.open(dir, SMALL));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
            assertEquals(dir, log.directory());
        }
        SegmentedFileLog.open(dir, SMALL).close(); // released by close
    }

    @Test
    void aCleanReopenReportsNothingDropped() throws IOException {
        try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL)) {
            fill(log, 1, 40);
        }
        try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL)) {
            RecoveryReport report = log.recoveryReport();
            assertEquals(40, report.recordsRecovered());
            assertEquals(0, report.bytesDropped());
            assertFalse(report.tornTail());
            assertEquals(segmentFiles(dir).size(), report.segmentCount());
        }
    }

    @Test
    void anInvalidConfigIsRejectedBeforeTouchingTheDisk() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SegmentedFileLog.open(dir.resolve("x"), SMALL.withSegmentSizeBytes(1)));
        assertTrue(e.getMessage().startsWith("LogConfig.segmentSizeBytes=1 "), e.getMessage());
        assertFalse(Files.exists(dir.resolve("x")));
    }

    static int countFrames(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        int frames = 0;
        while (bytes.hasRemaining()) {
            int length = bytes.getInt();
            bytes.position(bytes.position() + 12 + length);
            frames++;
        }
        return frames;
    }

    static void overwrite(Path file, long offsetBytes, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes), offsetBytes);
        }
    }
}
