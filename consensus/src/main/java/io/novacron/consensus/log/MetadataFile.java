package io.novacron.consensus.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * A small opaque record (Raft term, vote and commit; PBFT view and stable checkpoint) replaced
 * atomically as a whole: temp file, fsync, atomic rename, directory fsync.
 *
 * <p>Why: a vote must never be half-written or lost once granted (Raft §5.2, "persist before
 * responding"), and a rename is the only atomic replace POSIX offers. The file format is
 * {@code int magic "NCMD", int formatVersion, int contentLength, int crc32c(content), content}.
 */
public final class MetadataFile {
    static final int MAGIC = 0x4E434D44; // "NCMD"
    static final int FORMAT_VERSION = 1;
    static final int HEADER_BYTES = 16;

    private final Path file;

    /** A metadata file at {@code file}; its directory must exist. Nothing is read or written yet. */
    public MetadataFile(Path file) {
        this.file = file;
    }

    /** The file this object reads and replaces. */
    public Path file() {
        return file;
    }

    /**
     * Replaces the stored record; durable when it returns. A crash during it leaves the previous
     * version (and perhaps a temp file that {@link #read()} ignores).
     */
    public void write(byte[] content) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(content);
        ByteBuffer bytes = ByteBuffer.allocate(HEADER_BYTES + content.length);
        bytes.putInt(MAGIC).putInt(FORMAT_VERSION).putInt(content.length).putInt((int) crc.getValue());
        bytes.put(content).flip();
        DurableFiles.replaceAtomically(file, bytes);
    }

    /**
     * The last version written completely, or empty when none was ever written.
     *
     * @throws CorruptFileException the file exists but fails its magic, version, length or checksum
     *     check (never produced by a crash, since replacement is atomic: the disk or an operator did it)
     */
    public Optional<byte[]> read() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (bytes.length < HEADER_BYTES) {
            throw new CorruptFileException(file, 0, "only " + bytes.length + " bytes, header needs "
                    + HEADER_BYTES);
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, 0, HEADER_BYTES);
        int magic = header.getInt();
        int version = header.getInt();
        int length = header.getInt();
        int storedCrc = header.getInt();
        if (magic != MAGIC || version != FORMAT_VERSION) {
            throw new CorruptFileException(file, 0, String.format("magic 0x%08x version %d, expected 0x%08x "
                    + "version %d", magic, version, MAGIC, FORMAT_VERSION));
        }
        if (length != bytes.length - HEADER_BYTES) {
            throw new CorruptFileException(file, 8, "content length " + length + " but "
                    + (bytes.length - HEADER_BYTES) + " bytes follow the header");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, HEADER_BYTES, length);
        if ((int) crc.getValue() != storedCrc) {
            throw new CorruptFileException(file, HEADER_BYTES, "CRC32C mismatch over the content");
        }
        byte[] content = new byte[length];
        System.arraycopy(bytes, HEADER_BYTES, content, 0, length);
        return Optional.of(content);
    }

    /** Deletes the file and any leftover temp file; durable when it returns. */
    public void delete() throws IOException {
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + DurableFiles.TEMP_SUFFIX));
        if (Files.deleteIfExists(file)) {
            DurableFiles.forceDirectory(file.toAbsolutePath().getParent());
        }
    }
}
