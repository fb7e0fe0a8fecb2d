package io.novacron.consensus.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash recovery of {@link SegmentedFileLog}: a torn tail is cut at every kind of cut point; damage
 * that a crash cannot explain refuses to open. Replay a failure with {@code -Dnovacron.seed=<seed>}.
 */
class SegmentedFileLogRecoveryTest {
    static final LogConfig CONFIG = LogConfig.defaults().withSegmentSizeBytes(2048).withAppendBufferSizeBytes(128)
            .withPayloadSizeBytesMax(1024);
    static final int CUT_POINTS = 150;

    @TempDir
    Path dir;

    /** Payloads of random lengths (0..100 bytes) and contents, reproducible from the seed. */
    static List<byte[]> payloads(Random random, int count) {
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] payload = new byte[random.nextInt(101)];
            random.nextBytes(payload);
            payloads.add(payload);
        }
        return payloads;
    }

    static void writeLog(Path logDir, List<byte[]> payloads) throws IOException {
        try (SegmentedFileLog log = SegmentedFileLog.open(logDir, CONFIG)) {
            for (int i = 0; i < payloads.size(); i++) {
                log.append(i + 1, payloads.get(i));
            }
            log.sync();
        }
    }

    @Test
    void aTornTailIsCutAtAnyPointAndTheLogContinues() throws IOException {
        long seed = Long.getLong("novacron.seed", 20261123L);
        Random random = new Random(seed);
        List<byte[]> payloads = payloads(random, 60);
        Path pristine = dir.resolve("pristine");
        writeLog(pristine, payloads);
        List<Path> segments = SegmentedFileLogTest.segmentFiles(pristine);
        Path lastSegment = segments.get(segments.size() - 1);
        long lastFirstIndex = Segment.parseFirstIndex(lastSegment.getFileName().toString());
        long lastSizeBytes = Files.size(lastSegment);
        assertTrue(segments.size() >= 2 && lastSizeBytes > 100, "seed=" + seed + ": test needs a big last segment");

        for (int trial = 0; trial < CUT_POINTS; trial++) {
            long cutBytes = trial == 0 ? 0 : random.nextInt((int) lastSizeBytes);
            String context = "seed=" + seed + " trial=" + trial + " cut at byte " + cutBytes + " of "
                    + lastSizeBytes + " in " + lastSegment.getFileName();
            Path copy = copyLog(pristine, dir.resolve("trial-" + trial));
            try (FileChannel channel = FileChannel.open(copy.resolve(lastSegment.getFileName()),
                    StandardOpenOption.WRITE)) {
                channel.truncate(cutBytes);
            }
            checkAfterCut(copy, payloads, lastFirstIndex, cutBytes, context);
        }
    }

    private static void checkAfterCut(Path logDir, List<byte[]> payloads, long lastFirstIndex, long cutBytes,
            String context) throws IOException {
        // Complete frames before the cut survive; the partial one is dropped.
        long survivingLast = lastFirstIndex - 1;
        long validEndBytes = 0;
        while (survivingLast < payloads.size()) {
            long next = validEndBytes + RecordFrame.frameBytes(payloads.get((int) survivingLast).length);
            if (next > cutBytes) {
                break;
            }
            validEndBytes = next;
            survivingLast++;
        }
        try (SegmentedFileLog log = SegmentedFileLog.open(logDir, CONFIG)) {
            assertEquals(survivingLast, log.lastIndex(), context);
            assertEquals(cutBytes - validEndBytes, log.recoveryReport().bytesDropped(), context);
            for (long i = 1; i <= survivingLast; i++) {
                assertArrayEquals(payloads.get((int) i - 1), log.read(i), context + ", record " + i);
            }
            log.append(survivingLast + 1, new byte[] {42});
            log.sync();
        }
        try (SegmentedFileLog log = SegmentedFileLog.open(logDir, CONFIG)) {
            assertEquals(0, log.recoveryReport().bytesDropped(), context + ", second reopen");
            assertArrayEquals(new byte[] {42}, log.read(survivingLast + 1), context);
        }
    }

    @Test
    void aZeroFilledTailIsCutLikeATornWrite() throws IOException {
        List<byte[]> payloads = payloads(new Random(7), 30);
        writeLog(dir, payloads);
        List<Path> segments = SegmentedFileLogTest.segmentFiles(dir);
        Path last = segments.get(segments.size() - 1);
        long sizeBytes = Files.size(last);
        SegmentedFileLogTest.overwrite(last, sizeBytes, new byte[100]);
        try (SegmentedFileLog log = SegmentedFileLog.open(dir, CONFIG)) {
            assertEquals(30, log.lastIndex());
            assertEquals(100, log.recoveryReport().bytesDropped());
            assertTrue(log.recoveryReport().tornTail());
        }
        assertEquals(sizeBytes, Files.size(last));
    }

    @Test
    void aFlippedByteInAnEarlySegmentRefusesToOpen() throws IOException {
        writeLog(dir, payloads(new Random(11), 60));
        Path first = SegmentedFileLogTest.segmentFiles(dir).get(0);
        long offsetBytes = flipPayloadByteOfSecondFrame(first);
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> SegmentedFileLog.open(dir, CONFIG));
        assertTrue(e.getMessage().contains(first.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("byte offset " + offsetBytes), e.getMessage());
        assertTrue(e.getMessage().contains("record index 2"), e.getMessage());
        assertEquals(first, e.file());
        assertEquals(2, e.index());
        SegmentedFileLog.open(dir.resolve("other"), CONFIG).close(); // the lock was released
    }

    @Test
    void aFlippedByteFollowedByValidFramesInTheLastSegmentRefusesToOpen() throws IOException {
        writeLog(dir, payloads(new Random(13), 60));
        List<Path> segments = SegmentedFileLogTest.segmentFiles(dir);
        Path last = segments.get(segments.size() - 1);
        assertTrue(SegmentedFileLogTest.countFrames(last) >= 3, "the last segment needs 3 frames");
        long offsetBytes = flipPayloadByteOfSecondFrame(last);
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> SegmentedFileLog.open(dir, CONFIG));
        assertTrue(e.getMessage().contains(last.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("byte offset " + offsetBytes), e.getMessage());
        assertTrue(e.getMessage().contains("valid frame follows"), e.getMessage());
    }

    @Test
    void framesThatDoNotMatchTheSegmentNameRefuseToOpen() throws IOException {
        writeLog(dir, payloads(new Random(23), 5)); // one segment, indexes 1..5
        Path only = SegmentedFileLogTest.segmentFiles(dir).get(0);
        Path renamed = dir.resolve(Segment.fileName(3));
        Files.move(only, renamed);
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> SegmentedFileLog.open(dir, CONFIG));
        assertTrue(e.getMessage().contains("frame holds index 1"), e.getMessage());
        assertEquals(renamed, e.file());
        assertEquals(0, e.offsetBytes());
    }

    @Test
    void aMissingMiddleSegmentIsAGap() throws IOException {
        writeLog(dir, payloads(new Random(17), 80));
        List<Path> segments = SegmentedFileLogTest.segmentFiles(dir);
        assertTrue(segments.size() >= 3, "needs 3 segments");
        Files.delete(segments.get(1));
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> SegmentedFileLog.open(dir, CONFIG));
        assertTrue(e.getMessage().contains("gap between segments"), e.getMessage());
        assertTrue(e.getMessage().contains(segments.get(2).toString()), e.getMessage());
    }

    @Test
    void aCorruptRecordFoundByAReadIsReported() throws IOException {
        writeLog(dir, payloads(new Random(19), 60));
        Path first = SegmentedFileLogTest.segmentFiles(dir).get(0);
        try (SegmentedFileLog log = SegmentedFileLog.open(dir, CONFIG)) {
            long offsetBytes = flipPayloadByteOfSecondFrame(first); // bit rot after open
            CorruptLogException e = assertThrows(CorruptLogException.class, () -> log.read(2));
            assertEquals(offsetBytes, e.offsetBytes());
            assertArrayEquals(log.read(1), log.read(1, 1).get(0));
        }
    }

    /** @return the byte offset of the damaged frame */
    private static long flipPayloadByteOfSecondFrame(Path segment) throws IOException {
        byte[] bytes = Files.readAllBytes(segment);
        int second = RecordFrame.HEADER_BYTES + java.nio.ByteBuffer.wrap(bytes).getInt(0);
        int length = java.nio.ByteBuffer.wrap(bytes).getInt(second);
        int target = second + (length > 0 ? RecordFrame.HEADER_BYTES : 12); // payload, or index if empty
        SegmentedFileLogTest.overwrite(segment, target, new byte[] {(byte) (bytes[target] ^ 0x5A)});
        return second;
    }

    private static Path copyLog(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (Path file : SegmentedFileLogTest.segmentFiles(from)) {
            Files.copy(file, to.resolve(file.getFileName()));
        }
        return to;
    }
}
