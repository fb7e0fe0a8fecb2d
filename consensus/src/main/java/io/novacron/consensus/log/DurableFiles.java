package io.novacron.consensus.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The two POSIX steps every atomic file replacement in this package needs: write-force-rename, and
 * forcing the directory so that a create, rename or delete survives a crash.
 *
 * <p>Why one place: forgetting the directory fsync is the classic way "atomic" files vanish after a
 * power loss, and it is easy to get right once and reuse.
 */
final class DurableFiles {
    private DurableFiles() {
    }

    /** Suffix of a file being written; a leftover one is a crash before rename and is never read. */
    static final String TEMP_SUFFIX = ".tmp";

    /** Replaces {@code target} with {@code content}: temp file, force, atomic rename, force directory. */
    static void replaceAtomically(Path target, ByteBuffer content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(channel, content, 0);
            channel.force(true);
        }
        moveIntoPlace(temp, target);
    }

    /** Renames a forced temp file over {@code target} and forces the directory. */
    static void moveIntoPlace(Path temp, Path target) throws IOException {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Creates {@code dir} and any missing parents, forcing each new directory's parent, so that a log
     * or snapshot directory made at first start does not vanish with a power loss.
     */
    static void createDirectoriesDurably(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        Path existing = absolute;
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        if (existing == absolute) {
            return;
        }
        Files.createDirectories(absolute);
        for (Path created = absolute; created != null && !created.equals(existing); created = created.getParent()) {
            forceDirectory(created.getParent());
        }
    }

    /** Makes creates, renames and deletes in {@code dir} durable (Linux: fsync on the directory). */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    static void writeFully(FileChannel channel, ByteBuffer content, long position) throws IOException {
        long at = position;
        while (content.hasRemaining()) {
            at += channel.write(content, at);
        }
    }

    /** Reads exactly {@code length} bytes at {@code position}, failing on a short file. */
    static byte[] readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException("unexpected end of file at byte " + at + " reading " + length
                        + " bytes from " + position);
            }
            at += read;
        }
        return buffer.array();
    }
}
