package io.novacron.consensus.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A {@link LogStore} kept in a directory of segment files named by their first index (zero-padded,
 * {@code 00000000000000000001.log}), each a run of {@link RecordFrame}s, rolling over at
 * {@link LogConfig#segmentSizeBytes()}.
 *
 * <p>Why segments: compaction deletes whole files instead of rewriting, and recovery only has to
 * repair the tail of the last one. Why an append buffer: a group commit of many small records costs one
 * write and one fsync. Invariants that recovery relies on: every segment but the last was forced whole
 * before the next was created, and the creation of every segment file was made durable (directory
 * fsync) before records were written into it, so a crash can only tear the end of the last segment.
 *
 * <p>Not thread-safe; the caller drives it (see {@link LogStore}).
 */
public final class SegmentedFileLog implements LogStore {
    private final Path dir;
    private final LogConfig config;
    private final FileChannel lockChannel;
    private final MetadataFile resetMarker;
    private final RecoveryReport recoveryReport;
    /** Ascending by first index; never empty. Invariant: segments are contiguous. */
    private final List<Segment> segments;
    private final ByteBuffer appendBuffer;
    /** Logical first index; may be above the first segment's after a partial compaction. */
    private long firstIndex;
    /** Segments were deleted since the last directory fsync. */
    private boolean directoryDirty;
    private IOException failure;
    private boolean closed;

    private SegmentedFileLog(Path dir, LogConfig config, FileChannel lockChannel, List<Segment> segments,
            RecoveryReport recoveryReport) {
        this.dir = dir;
        this.config = config;
        this.lockChannel = lockChannel;
        this.resetMarker = LogDirectory.resetMarker(dir);
        this.segments = segments;
        this.recoveryReport = recoveryReport;
        this.appendBuffer = ByteBuffer.allocate(config.appendBufferSizeBytes());
        this.firstIndex = segments.get(0).firstIndex;
    }

    /**
     * Opens (creating if needed) the log in {@code dir}, recovering from a crash: a torn tail of the last
     * segment is cut away and reported in {@link #recoveryReport()}; an interrupted reset is finished.
     * Takes an exclusive lock on the directory so two processes never write one log.
     *
     * @throws CorruptLogException a bad record that is not a torn tail, or a gap between segments
     */
    public static SegmentedFileLog open(Path dir, LogConfig config) throws IOException {
        config.validate();
        DurableFiles.createDirectoriesDurably(dir);
        FileChannel lockChannel = LogDirectory.lock(dir);
        List<Segment> segments = new ArrayList<>();
        try {
            List<String> notes = new ArrayList<>();
            LogDirectory.finishInterruptedReset(dir, notes);
            TreeMap<Long, Path> files = LogDirectory.listSegments(dir);
            if (files.isEmpty()) {
                files.put(1L, LogDirectory.createSegment(dir, 1).path);
            }
            long recordsRecovered = 0;
            long bytesDropped = 0;
            for (var entry : files.entrySet()) {
                Segment segment = Segment.open(entry.getValue(), entry.getKey());
                segments.add(segment);
                LogDirectory.checkContiguous(segments);
                bytesDropped += segment.recover(config.payloadSizeBytesMax(), entry.getKey().equals(files.lastKey()));
                recordsRecovered += segment.lastIndex() - segment.firstIndex + 1;
            }
            if (bytesDropped > 0) {
                notes.add("torn tail: cut " + bytesDropped + " bytes from " + files.lastEntry().getValue()
                        + ", log now ends at index " + segments.get(segments.size() - 1).lastIndex());
            }
            return new SegmentedFileLog(dir, config, lockChannel, segments,
                    new RecoveryReport(segments.size(), recordsRecovered, bytesDropped, notes));
        } catch (IOException | RuntimeException e) {
            IOException closing = LogDirectory.closeAll(segments, null);
            if (closing != null) {
                e.addSuppressed(closing);
            }
            lockChannel.close();
            throw e;
        }
    }

    /** What the last {@link #open} found and repaired. */
    public RecoveryReport recoveryReport() {
        return recoveryReport;
    }

    /** The directory holding the segments. */
    public Path directory() {
        return dir;
    }

    @Override
    public void append(long index, byte[] payload) throws IOException {
        checkUsable();
        LogChecks.checkAppend(index, lastIndex(), payload, config.payloadSizeBytesMax());
        int frameBytes = RecordFrame.frameBytes(payload.length);
        Segment active = active();
        if (active.sizeBytes() > 0 && active.sizeBytes() + frameBytes > config.segmentSizeBytes()) {
            active = rollOver(index);
        }
        if (frameBytes > appendBuffer.remaining()) {
            flushBuffer();
        }
        active.addFrame(frameBytes);
        if (frameBytes <= appendBuffer.remaining()) {
            RecordFrame.encode(appendBuffer, index, payload);
        } else {
            ByteBuffer large = ByteBuffer.allocate(frameBytes);
            RecordFrame.encode(large, index, payload);
            guarded(() -> active().write(large.flip()));
        }
    }

    @Override
    public long sync() throws IOException {
        checkUsable();
        flushBuffer();
        guarded(() -> {
            active().force();
            if (directoryDirty) {
                DurableFiles.forceDirectory(dir);
                directoryDirty = false;
            }
        });
        return lastIndex();
    }

    @Override
    public byte[] read(long index) throws IOException {
        checkUsable();
        LogChecks.checkRead(index, firstIndex, lastIndex());
        return read(index, 1).get(0);
    }

    @Override
    public List<byte[]> read(long fromIndex, int maxCount) throws IOException {
        checkUsable();
        int count = LogChecks.checkBatch(fromIndex, maxCount, firstIndex, lastIndex());
        List<byte[]> batch = new ArrayList<>(count);
        long index = fromIndex;
        while (batch.size() < count) {
            Segment segment = segmentOf(index);
            int n = (int) Math.min(count - batch.size(), segment.lastIndex() - index + 1);
            if (segment.endOffset(index + n - 1) > segment.flushedBytes()) {
                flushBuffer();
            }
            batch.addAll(segment.read(index, n, config.payloadSizeBytesMax()));
            index += n;
        }
        return batch;
    }

    @Override
    public long firstIndex() {
        return firstIndex;
    }

    @Override
    public long lastIndex() {
        return active().lastIndex();
    }

    @Override
    public void truncateSuffix(long fromIndex) throws IOException {
        checkUsable();
        LogChecks.checkTruncate(fromIndex, firstIndex, lastIndex());
        if (fromIndex > lastIndex()) {
            return;
        }
        flushBuffer();
        guarded(() -> {
            boolean deleted = false;
            // Highest first, so a crash in between leaves a contiguous prefix.
            while (segments.size() > 1 && active().firstIndex >= fromIndex) {
                segments.remove(segments.size() - 1).closeAndDelete();
                deleted = true;
            }
            if (deleted) {
                // Before cutting the remaining segment: otherwise a crash could bring back a deleted
                // segment after a shortened one, which recovery would rightly call a gap.
                DurableFiles.forceDirectory(dir);
            }
            active().truncateFrom(fromIndex);
        });
    }

    @Override
    public void compactPrefix(long throughIndex) throws IOException {
        checkUsable();
        if (throughIndex < firstIndex) {
            return;
        }
        if (throughIndex >= lastIndex()) {
            reset(throughIndex + 1);
            return;
        }
        firstIndex = throughIndex + 1;
        // Lowest first, so a crash in between leaves a contiguous suffix (at worst older records reappear).
        while (segments.size() > 1 && segments.get(1).firstIndex <= firstIndex) {
            Segment oldest = segments.remove(0);
            guarded(oldest::closeAndDelete);
            directoryDirty = true;
        }
    }

    @Override
    public void reset(long nextIndex) throws IOException {
        checkUsable();
        LogChecks.checkNextIndex(nextIndex);
        appendBuffer.clear();
        guarded(() -> {
            // The marker makes the reset all-or-nothing: open() finishes it if we crash half-way.
            resetMarker.write(ByteBuffer.allocate(8).putLong(nextIndex).array());
            while (!segments.isEmpty()) {
                segments.remove(segments.size() - 1).closeAndDelete();
            }
            segments.add(LogDirectory.createSegment(dir, nextIndex));
            resetMarker.delete();
        });
        firstIndex = nextIndex;
        directoryDirty = false;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (failure == null) {
                sync();
            }
        } finally {
            closed = true;
            IOException first = LogDirectory.closeAll(segments, null);
            lockChannel.close();
            if (first != null) {
                throw first;
            }
        }
    }

    private Segment active() {
        return segments.get(segments.size() - 1);
    }

    private Segment segmentOf(long index) {
        int low = 0;
        int high = segments.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (segments.get(mid).firstIndex <= index) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return segments.get(low);
    }

    /** Forces the full segment, then creates the next one durably: the invariants recovery relies on. */
    private Segment rollOver(long nextIndex) throws IOException {
        flushBuffer();
        guarded(() -> {
            active().force();
            segments.add(LogDirectory.createSegment(dir, nextIndex));
        });
        return active();
    }

    private void flushBuffer() throws IOException {
        if (appendBuffer.position() == 0) {
            return;
        }
        appendBuffer.flip();
        guarded(() -> active().write(appendBuffer));
        appendBuffer.clear();
    }

    /** Runs a mutating I/O step; a failure poisons the log, since a half-done write or fsync cannot be trusted. */
    private void guarded(IoStep step) throws IOException {
        try {
            step.run();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("log " + dir + " is closed");
        }
        if (failure != null) {
            throw new IllegalStateException("log " + dir + " failed earlier and must be reopened: " + failure,
                    failure);
        }
    }

    @FunctionalInterface
    private interface IoStep {
        void run() throws IOException;
    }
}
