package io.novacron.consensus.log;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A snapshot file that {@link SnapshotStore} found and verified (header, trailer, CRC32C), whose state
 * is read only when asked for.
 *
 * <p>Why not always a {@code byte[]}: a leader sends a large snapshot to a lagging follower in chunks
 * (Raft §7 InstallSnapshot, PBFT state transfer), and streaming it keeps memory bounded.
 *
 * @param path the file
 * @param index last index (Raft) or sequence number (PBFT) the state includes
 * @param term Raft term of that entry, or PBFT view
 * @param stateSizeBytes length of the state
 */
public record SnapshotFile(Path path, long index, long term, long stateSizeBytes) {

    /**
     * Streams the state bytes (exactly {@link #stateSizeBytes()}); the caller closes the stream. The
     * checksum was verified when the file was found and is not checked again while streaming.
     */
    public InputStream openState() throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        channel.position(SnapshotStore.HEADER_BYTES);
        return new BoundedInputStream(Channels.newInputStream(channel), stateSizeBytes);
    }

    /**
     * Reads the whole snapshot into memory, verifying the file again first.
     *
     * @throws CorruptFileException the file changed or rotted since it was found
     * @throws IllegalStateException the state is larger than an array can hold; use {@link #openState()}
     */
    public Snapshot readSnapshot() throws IOException {
        if (stateSizeBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("snapshot state of " + stateSizeBytes + " bytes in " + path
                    + " does not fit in an array; stream it with openState()");
        }
        SnapshotFile again = SnapshotStore.verify(path);
        if (!again.equals(this)) {
            throw new CorruptFileException(path, 0, "changed since it was verified: now " + again);
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return new Snapshot(index, term, DurableFiles.readFully(channel, SnapshotStore.HEADER_BYTES,
                    (int) stateSizeBytes));
        }
    }

    /** Ends after {@code remaining} bytes, so the trailer never leaks into the state. */
    private static final class BoundedInputStream extends FilterInputStream {
        private long remaining;

        BoundedInputStream(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining == 0) {
                return length == 0 ? 0 : -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
