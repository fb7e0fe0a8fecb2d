package io.novacron.consensus.log;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * A directory of snapshot files ({@code snapshot-<20-digit index>.snap}), each written atomically with
 * a checksum, of which the newest {@code retainCount} are kept.
 *
 * <p>Why keep more than one: if the newest is damaged, the previous one plus the log (or a peer) still
 * rebuilds the state, so a single bad disk block does not force a full state transfer. File format,
 * big-endian: header {@code int magic "NCSN", int formatVersion, long index, long term}, the state
 * bytes, trailer {@code long stateLength, int crc32c(header + state), int magic "NCSE"}; the checksum is
 * in the trailer so a streamed state can be written in one pass.
 *
 * <p>Not thread-safe; the driver thread owns it.
 */
public final class SnapshotStore {
    /** Two: the newest plus one fallback. */
    public static final int RETAIN_COUNT_DEFAULT = 2;

    static final int MAGIC = 0x4E43534E; // "NCSN"
    static final int MAGIC_END = 0x4E435345; // "NCSE"
    static final int FORMAT_VERSION = 1;
    static final int HEADER_BYTES = 24;
    static final int TRAILER_BYTES = 16;
    private static final String PREFIX = "snapshot-";
    private static final String SUFFIX = ".snap";
    private static final int COPY_BUFFER_BYTES = 64 << 10;

    private final Path dir;
    private final int retainCount;

    /** A store in {@code dir} (created if missing) keeping {@link #RETAIN_COUNT_DEFAULT} snapshots. */
    public SnapshotStore(Path dir) throws IOException {
        this(dir, RETAIN_COUNT_DEFAULT);
    }

    /**
     * @param retainCount snapshots kept after each save, at least 1
     * @throws IllegalArgumentException retainCount below 1
     */
    public SnapshotStore(Path dir, int retainCount) throws IOException {
        if (retainCount < 1) {
            throw new IllegalArgumentException("SnapshotStore.retainCount=" + retainCount
                    + " is not allowed: must be at least 1");
        }
        this.dir = dir;
        this.retainCount = retainCount;
        DurableFiles.createDirectoriesDurably(dir);
    }

    /** Saves a snapshot held in memory; see {@link #save(long, long, InputStream)}. */
    public void save(long index, long term, byte[] state) throws IOException {
        save(index, term, new ByteArrayInputStream(state));
    }

    /**
     * Saves a snapshot streamed from {@code state} (read to its end, not closed): temp file, fsync,
     * atomic rename, directory fsync, then deletes all but the newest {@code retainCount}. Durable when it
     * returns; a crash before leaves only a temp file, which is ignored and later deleted.
     *
     * @param index at least 1 and not below the newest stored snapshot's (an equal index replaces it)
     * @throws IllegalArgumentException index out of order
     */
    public void save(long index, long term, InputStream state) throws IOException {
        TreeMap<Long, Path> existing = listSnapshots();
        if (index < 1 || (!existing.isEmpty() && index < existing.lastKey())) {
            throw new IllegalArgumentException("snapshot index " + index + " must be at least 1 and not below "
                    + "the newest stored one (" + (existing.isEmpty() ? "none" : existing.lastKey()) + ")");
        }
        Path target = dir.resolve(fileName(index));
        Path temp = target.resolveSibling(target.getFileName() + DurableFiles.TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeSnapshot(channel, index, term, state);
            channel.force(true);
        }
        DurableFiles.moveIntoPlace(temp, target);
        prune();
    }

    /**
     * The newest snapshot file that passes its checks; read it with {@link SnapshotFile#readSnapshot()}
     * or stream it with {@link SnapshotFile#openState()}. A corrupt newer one is skipped with a warning in
     * the result, never silently.
     *
     * @return empty when no snapshot was ever saved
     * @throws CorruptFileException snapshot files exist but none is valid
     */
    public Optional<SnapshotLoad> loadLatest() throws IOException {
        List<String> warnings = new ArrayList<>();
        CorruptFileException newestProblem = null;
        for (Path path : listSnapshots().descendingMap().values()) {
            try {
                return Optional.of(new SnapshotLoad(verify(path), warnings));
            } catch (CorruptFileException e) {
                warnings.add("skipped corrupt snapshot: " + e.getMessage());
                newestProblem = newestProblem == null ? e : newestProblem;
            }
        }
        if (newestProblem != null) {
            throw new CorruptFileException(dir, -1, "no valid snapshot; " + String.join("; ", warnings));
        }
        return Optional.empty();
    }

    /** Indexes of the stored snapshot files (valid or not), ascending. */
    public List<Long> indexes() throws IOException {
        return new ArrayList<>(listSnapshots().keySet());
    }

    /** The directory holding the snapshot files. */
    public Path directory() {
        return dir;
    }

    static String fileName(long index) {
        return String.format("%s%020d%s", PREFIX, index, SUFFIX);
    }

    private static void writeSnapshot(FileChannel channel, long index, long term, InputStream state)
            throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        header.putInt(MAGIC).putInt(FORMAT_VERSION).putLong(index).putLong(term).flip();
        crc.update(header.duplicate());
        DurableFiles.writeFully(channel, header, 0);
        long position = HEADER_BYTES;
        byte[] chunk = new byte[COPY_BUFFER_BYTES];
        for (int n = state.read(chunk); n >= 0; n = state.read(chunk)) {
            crc.update(chunk, 0, n);
            DurableFiles.writeFully(channel, ByteBuffer.wrap(chunk, 0, n), position);
            position += n;
        }
        ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES);
        trailer.putLong(position - HEADER_BYTES).putInt((int) crc.getValue()).putInt(MAGIC_END).flip();
        DurableFiles.writeFully(channel, trailer, position);
    }

    /** Checks one snapshot file (streaming the checksum, so any size works) and describes it. */
    static SnapshotFile verify(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long sizeBytes = channel.size();
            if (sizeBytes < HEADER_BYTES + TRAILER_BYTES) {
                throw new CorruptFileException(path, 0, "only " + sizeBytes + " bytes, too short for a snapshot");
            }
            ByteBuffer header = ByteBuffer.wrap(DurableFiles.readFully(channel, 0, HEADER_BYTES));
            int magic = header.getInt();
            int version = header.getInt();
            long index = header.getLong();
            long term = header.getLong();
            long trailerOffset = sizeBytes - TRAILER_BYTES;
            ByteBuffer trailer = ByteBuffer.wrap(DurableFiles.readFully(channel, trailerOffset, TRAILER_BYTES));
            long stateLength = trailer.getLong();
            int storedCrc = trailer.getInt();
            int magicEnd = trailer.getInt();
            if (magic != MAGIC || version != FORMAT_VERSION || magicEnd != MAGIC_END) {
                throw new CorruptFileException(path, 0, String.format("magic 0x%08x version %d end magic 0x%08x",
                        magic, version, magicEnd));
            }
            if (stateLength != trailerOffset - HEADER_BYTES) {
                throw new CorruptFileException(path, trailerOffset, "state length " + stateLength + " but "
                        + (trailerOffset - HEADER_BYTES) + " bytes lie between header and trailer");
            }
            if (crcOf(channel, trailerOffset) != storedCrc) {
                throw new CorruptFileException(path, HEADER_BYTES, "CRC32C mismatch over header and state");
            }
            if (!path.getFileName().toString().equals(fileName(index))) {
                throw new CorruptFileException(path, 8, "header holds index " + index + ", not the file name's");
            }
            return new SnapshotFile(path, index, term, stateLength);
        }
    }

    private static int crcOf(FileChannel channel, long endBytes) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer chunk = ByteBuffer.allocate(COPY_BUFFER_BYTES);
        for (long at = 0; at < endBytes; ) {
            chunk.clear().limit((int) Math.min(COPY_BUFFER_BYTES, endBytes - at));
            int n = channel.read(chunk, at);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + at);
            }
            at += n;
            crc.update(chunk.flip());
        }
        return (int) crc.getValue();
    }

    /** Deletes all but the newest retainCount snapshots, and temp files left by a crash mid-save. */
    private void prune() throws IOException {
        TreeMap<Long, Path> snapshots = listSnapshots();
        while (snapshots.size() > retainCount) {
            Files.deleteIfExists(snapshots.pollFirstEntry().getValue());
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX
                + DurableFiles.TEMP_SUFFIX)) {
            for (Path temp : stream) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private TreeMap<Long, Path> listSnapshots() throws IOException {
        TreeMap<Long, Path> snapshots = new TreeMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path path : stream) {
                String digits = path.getFileName().toString();
                digits = digits.substring(PREFIX.length(), digits.length() - SUFFIX.length());
                if (digits.length() == 20 && digits.chars().allMatch(Character::isDigit)) {
                    snapshots.put(Long.parseLong(digits), path);
                }
            }
        }
        return snapshots;
    }
}
