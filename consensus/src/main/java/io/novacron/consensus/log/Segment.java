package io.novacron.consensus.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One segment file of a {@link SegmentedFileLog}: consecutive frames starting at the index in its
 * name, with an in-memory table of frame offsets so a read is one positional read.
 *
 * <p>Why offsets only: the table costs 4 bytes per record however large the payloads are, so memory
 * stays bounded by the record count, and payloads are read from the page cache when asked for.
 */
final class Segment {
    private static final String SUFFIX = ".log";

    final Path path;
    final long firstIndex;
    private final FileChannel channel;
    /** Invariant: offsets[i] is the byte offset of the frame of index firstIndex + i, for i < count. */
    private int[] offsets = new int[1024];
    private int count;
    /** Logical end of the segment, including frames still in the log's append buffer. */
    private long sizeBytes;
    /** Bytes handed to the channel. Invariant: flushedBytes <= sizeBytes. */
    private long flushedBytes;
    /** Written since the last force. */
    private boolean dirty;

    private Segment(Path path, long firstIndex, FileChannel channel) {
        this.path = path;
        this.firstIndex = firstIndex;
        this.channel = channel;
    }

    static String fileName(long firstIndex) {
        return String.format("%020d%s", firstIndex, SUFFIX);
    }

    /** The first index encoded in a segment file name, or -1 when the name is not a segment's. */
    static long parseFirstIndex(String fileName) {
        if (fileName.length() != 20 + SUFFIX.length() || !fileName.endsWith(SUFFIX)) {
            return -1;
        }
        for (int i = 0; i < 20; i++) {
            if (!Character.isDigit(fileName.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(fileName.substring(0, 20));
    }

    /** Creates a new empty segment; the caller forces the directory to make its existence durable. */
    static Segment create(Path dir, long firstIndex) throws IOException {
        Path path = dir.resolve(fileName(firstIndex));
        return new Segment(path, firstIndex, FileChannel.open(path, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE));
    }

    static Segment open(Path path, long firstIndex) throws IOException {
        return new Segment(path, firstIndex, FileChannel.open(path, StandardOpenOption.READ,
                StandardOpenOption.WRITE));
    }

    /**
     * Scans the whole file and indexes every valid frame. In the last segment a bad frame with nothing
     * valid after it is a torn write and is cut away (and the result forced, so recovered records are
     * really durable before the protocol relies on them); anywhere else it is corruption.
     *
     * @return bytes cut from a torn tail
     */
    long recover(int payloadSizeBytesMax, boolean last) throws IOException {
        long fileBytes = channel.size();
        if (fileBytes > Integer.MAX_VALUE - 8) {
            throw new CorruptLogException(path, 0, firstIndex, "segment of " + fileBytes + " bytes exceeds 2 GiB");
        }
        int limit = (int) fileBytes;
        byte[] bytes = DurableFiles.readFully(channel, 0, limit);
        int position = 0;
        long expected = firstIndex;
        while (position < limit) {
            int frameBytes = RecordFrame.check(bytes, position, limit, expected, payloadSizeBytesMax);
            if (frameBytes < 0) {
                break;
            }
            addFrame(frameBytes);
            position += frameBytes;
            expected++;
        }
        long droppedBytes = limit - position;
        if (droppedBytes > 0) {
            String problem = RecordFrame.problem(bytes, position, limit, expected, payloadSizeBytesMax);
            if (!last) {
                throw new CorruptLogException(path, position, expected, problem + ", in a segment that is not "
                        + "the last (every earlier segment was forced whole before the next was created)");
            }
            int later = findValidFrameAfter(bytes, position, limit, expected, payloadSizeBytesMax);
            if (later >= 0) {
                throw new CorruptLogException(path, position, expected, problem + ", yet a valid frame follows "
                        + "at byte offset " + later + " (not a torn tail)");
            }
            channel.truncate(position);
        }
        sizeBytes = position;
        flushedBytes = position;
        if (last) {
            channel.force(false);
        }
        return droppedBytes;
    }

    /**
     * A torn tail has nothing valid after the bad frame; anything else means bytes were damaged in the
     * middle. Only offsets whose index field is plausible are CRC-checked, so this stays cheap.
     */
    private static int findValidFrameAfter(byte[] bytes, int badOffset, int limit, long expected,
            int payloadSizeBytesMax) {
        for (int at = badOffset + 1; at + RecordFrame.HEADER_BYTES <= limit; at++) {
            long index = RecordFrame.indexAt(bytes, at);
            long indexMax = expected + (limit - badOffset) / RecordFrame.HEADER_BYTES;
            if (index >= expected && index <= indexMax
                    && RecordFrame.check(bytes, at, limit, index, payloadSizeBytesMax) > 0) {
                return at;
            }
        }
        return -1;
    }

    long lastIndex() {
        return firstIndex + count - 1;
    }

    long sizeBytes() {
        return sizeBytes;
    }

    long flushedBytes() {
        return flushedBytes;
    }

    /** Records a frame appended at the logical end (its bytes may still be in the append buffer). */
    void addFrame(int frameBytes) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
        }
        offsets[count++] = (int) sizeBytes;
        sizeBytes += frameBytes;
    }

    /** Byte offset just past the frame of {@code index}. */
    long endOffset(long index) {
        int i = (int) (index - firstIndex);
        return i + 1 == count ? sizeBytes : offsets[i + 1];
    }

    /** Writes buffered frames at the flushed end. Precondition: they were already added with addFrame. */
    void write(ByteBuffer frames) throws IOException {
        if (flushedBytes + frames.remaining() > sizeBytes) {
            throw new IllegalStateException("writing " + frames.remaining() + " bytes at " + flushedBytes
                    + " past the indexed end " + sizeBytes + " of " + path);
        }
        long at = flushedBytes;
        flushedBytes += frames.remaining();
        DurableFiles.writeFully(channel, frames, at);
        dirty = true;
    }

    void force() throws IOException {
        if (dirty) {
            channel.force(false);
            dirty = false;
        }
    }

    /** Drops frames of index >= fromIndex. Precondition: everything is flushed. */
    void truncateFrom(long fromIndex) throws IOException {
        if (fromIndex > lastIndex()) {
            return;
        }
        int keep = (int) Math.max(0, fromIndex - firstIndex);
        long newSizeBytes = keep == count ? sizeBytes : offsets[keep];
        channel.truncate(newSizeBytes);
        count = keep;
        sizeBytes = newSizeBytes;
        flushedBytes = newSizeBytes;
        dirty = true;
    }

    /**
     * Reads {@code n} consecutive records from {@code fromIndex} with one positional read, checking
     * every CRC. Precondition: the range is flushed.
     */
    List<byte[]> read(long fromIndex, int n, int payloadSizeBytesMax) throws IOException {
        int start = offsets[(int) (fromIndex - firstIndex)];
        int end = (int) endOffset(fromIndex + n - 1);
        byte[] bytes = DurableFiles.readFully(channel, start, end - start);
        List<byte[]> records = new ArrayList<>(n);
        int position = 0;
        for (long index = fromIndex; index < fromIndex + n; index++) {
            int frameBytes = RecordFrame.check(bytes, position, bytes.length, index, payloadSizeBytesMax);
            if (frameBytes < 0) {
                throw new CorruptLogException(path, start + position, index,
                        RecordFrame.problem(bytes, position, bytes.length, index, payloadSizeBytesMax));
            }
            records.add(Arrays.copyOfRange(bytes, position + RecordFrame.HEADER_BYTES, position + frameBytes));
            position += frameBytes;
        }
        return records;
    }

    void close() throws IOException {
        channel.close();
    }

    void closeAndDelete() throws IOException {
        channel.close();
        Files.deleteIfExists(path);
    }
}
