package io.novacron.consensus.log;

import java.io.IOException;
import java.util.List;

/**
 * An append-only sequence of records with contiguous {@code long} indexes and opaque payloads, the
 * durable log both Raft and PBFT drivers write before they send or acknowledge anything.
 *
 * <p>Why payloads are opaque: each protocol encodes its own term or view inside the payload, so one
 * storage engine (and one set of crash tests) serves both.
 *
 * <p>Durability contract: records are durable only after {@link #sync()} returns. A crash before that
 * may lose any suffix of the records appended since the previous sync, never a synced record and never
 * a record in the middle. Indexes are at least 1; an empty log has {@code lastIndex() == firstIndex() - 1}.
 *
 * <p>Not thread-safe: the single driver thread of a consensus engine owns an instance (etcd raft's
 * shape), so there are no locks and no background threads inside.
 */
public interface LogStore extends AutoCloseable {

    /**
     * Appends one record to the in-memory tail; it is not durable until {@link #sync()} returns.
     *
     * @param index must be {@code lastIndex() + 1} (which is {@code firstIndex()} on an empty log, also
     *     after {@link #compactPrefix} or {@link #reset})
     * @param payload the record, not copied by the caller afterwards; at most the configured maximum
     * @throws IllegalArgumentException index not next, or payload too large
     */
    void append(long index, byte[] payload) throws IOException;

    /**
     * Group commit: makes every record appended so far durable with one fsync of the active segment
     * (plus one directory fsync when segments were created or deleted since the previous sync).
     *
     * @return the last durable index, which equals {@link #lastIndex()} on return
     * @throws IOException the data may not be durable; the store refuses further use, because a failed
     *     fsync cannot be retried safely (the kernel may already have dropped the dirty pages)
     */
    long sync() throws IOException;

    /**
     * Reads one record (appended records are readable at once, synced or not).
     *
     * @throws IndexOutOfBoundsException index outside {@code firstIndex()..lastIndex()}
     * @throws CorruptLogException the stored record fails its CRC
     */
    byte[] read(long index) throws IOException;

    /**
     * Reads up to {@code maxCount} consecutive records starting at {@code fromIndex}; fewer when the log
     * ends first, none when {@code fromIndex == lastIndex() + 1}.
     *
     * @throws IndexOutOfBoundsException fromIndex outside {@code firstIndex()..lastIndex() + 1}
     */
    List<byte[]> read(long fromIndex, int maxCount) throws IOException;

    /** Index of the first record still held, or of the next append when the log is empty. */
    long firstIndex();

    /** Index of the last record appended, {@code firstIndex() - 1} when empty. */
    long lastIndex();

    /**
     * Drops every record with index {@code >= fromIndex} (Raft §5.3: a follower's conflicting suffix).
     * Takes effect for reads and appends at once; durable after the next {@link #sync()} (a crash before
     * it may keep or drop the truncated records, both of which the protocol tolerates because they were
     * never committed).
     *
     * @param fromIndex in {@code firstIndex()..lastIndex() + 1}; the latter is a no-op
     * @throws IllegalArgumentException fromIndex outside that range
     */
    void truncateSuffix(long fromIndex) throws IOException;

    /**
     * Drops every record with index {@code <= throughIndex}, after a snapshot covers them; on files,
     * whole segments below are deleted. {@code firstIndex()} becomes {@code throughIndex + 1} at once.
     * When {@code throughIndex >= lastIndex()} this is {@link #reset(long) reset(throughIndex + 1)}.
     * Durable after the next {@link #sync()}; records of a partly covered segment, or of segments whose
     * deletion a crash undid, may reappear after a reopen (firstIndex lower than asked): the snapshot
     * covers them, so the protocol must simply ignore them. Call it only for indexes a durable snapshot
     * covers.
     *
     * @param throughIndex below {@code firstIndex()} is a no-op
     */
    void compactPrefix(long throughIndex) throws IOException;

    /**
     * Drops every record; the next append must be {@code nextIndex} (install-snapshot). Durable when it
     * returns: a crash during it finishes the reset on the next open.
     *
     * @param nextIndex at least 1
     */
    void reset(long nextIndex) throws IOException;

    /** Syncs (so a clean shutdown loses nothing) and releases files; later calls fail. */
    @Override
    void close() throws IOException;
}
