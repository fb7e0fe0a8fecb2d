package io.novacron.consensus.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The directory of a {@link SegmentedFileLog}: its lock file, its reset marker and its segment files,
 * and the checks and repairs made on them when the log opens.
 *
 * <p>Why apart from the log: these steps run once, before there is a log object, and keeping them here
 * keeps the append/sync path of {@link SegmentedFileLog} short enough to read in one sitting.
 */
final class LogDirectory {
    static final String LOCK_FILE = "LOCK";
    static final String RESET_MARKER_FILE = "RESET";

    private LogDirectory() {
    }

    /** Creates a new empty segment and makes its existence durable before anything is written into it. */
    static Segment createSegment(Path dir, long firstIndex) throws IOException {
        Segment segment = Segment.create(dir, firstIndex);
        DurableFiles.forceDirectory(dir);
        return segment;
    }

    /** Takes the directory's exclusive lock; closing the returned channel releases it. */
    static FileChannel lock(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException("log directory " + dir + " is locked by another process");
            }
            return channel;
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new IOException("log directory " + dir + " is already open in this process", e);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    static MetadataFile resetMarker(Path dir) {
        return new MetadataFile(dir.resolve(RESET_MARKER_FILE));
    }

    /** If a reset was interrupted by a crash, finishes it: no segment but an empty one at the next index. */
    static void finishInterruptedReset(Path dir, List<String> notes) throws IOException {
        MetadataFile marker = resetMarker(dir);
        Optional<byte[]> pending = marker.read();
        if (pending.isEmpty()) {
            return;
        }
        long nextIndex = ByteBuffer.wrap(pending.get()).getLong();
        for (Path path : listSegments(dir).descendingMap().values()) {
            Files.delete(path);
        }
        createSegment(dir, nextIndex).close();
        marker.delete();
        notes.add("finished an interrupted reset: log restarts empty at index " + nextIndex);
    }

    /** Segment files by first index; other files (lock, marker, an operator's notes) are ignored. */
    static TreeMap<Long, Path> listSegments(Path dir) throws IOException {
        TreeMap<Long, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path path : stream) {
                long first = Segment.parseFirstIndex(path.getFileName().toString());
                if (first >= 0) {
                    files.put(first, path);
                }
            }
        }
        return files;
    }

    /** The newest segment must start right after the one before it; a gap means a lost file. */
    static void checkContiguous(List<Segment> segments) throws CorruptLogException {
        int n = segments.size();
        if (n < 2) {
            return;
        }
        long expected = segments.get(n - 2).lastIndex() + 1;
        Segment segment = segments.get(n - 1);
        if (segment.firstIndex != expected) {
            throw new CorruptLogException(segment.path, 0, expected, "gap between segments: this one starts at "
                    + segment.firstIndex + " but the previous one ends at " + (expected - 1));
        }
    }

    /** Closes every segment, keeping the first failure and attaching later ones to it. */
    static IOException closeAll(List<Segment> segments, IOException first) {
        IOException result = first;
        for (Segment segment : segments) {
            try {
                segment.close();
            } catch (IOException e) {
                if (result == null) {
                    result = e;
                } else {
                    result.addSuppressed(e);
                }
            }
        }
        return result;
    }
}
