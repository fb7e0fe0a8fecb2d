package io.novacron.consensus.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.zip.CRC32C;

/**
 * One number worth keeping across a restart but not worth an fsync (Raft's commit index): overwritten in place,
 * never forced, so a crash may leave an older value or none at all, and {@link #read()} reports a damaged file as
 * absent. Use it only for values where any value once written is still safe to come back with.
 * <p>
 * Why not a {@link MetadataFile}: its temp file, two fsyncs and rename cost the consensus thread about 8 ms on the
 * project's disk, once per round in which the commit index moved. The format is {@code int magic "NCHT",
 * int crc32c(value), long value}, 16 bytes, one disk sector.
 */
public final class HintFile implements AutoCloseable {
    static final int MAGIC = 0x4E434854; // "NCHT"
    static final int BYTES = 16;

    private final Path file;
    private final ByteBuffer buffer = ByteBuffer.allocate(BYTES);
    private FileChannel channel;

    /** A hint file at {@code file}; its directory must exist. Nothing is read or written yet. */
    public HintFile(Path file) {
        this.file = file;
    }

    /** Replaces the value in the page cache; not durable when it returns. */
    public void write(long value) throws IOException {
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
        buffer.clear();
        buffer.putInt(MAGIC).putInt(crc(value)).putLong(value).flip();
        DurableFiles.writeFully(channel, buffer, 0);
    }

    /** The value last written, if the file holds a whole, intact one. */
    public OptionalLong read() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
        if (bytes.length != BYTES) {
            return OptionalLong.empty();
        }
        ByteBuffer stored = ByteBuffer.wrap(bytes);
        int magic = stored.getInt();
        int crc = stored.getInt();
        long value = stored.getLong();
        return magic == MAGIC && crc == crc(value) ? OptionalLong.of(value) : OptionalLong.empty();
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private static int crc(long value) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(8).putLong(value).flip());
        return (int) crc.getValue();
    }
}
