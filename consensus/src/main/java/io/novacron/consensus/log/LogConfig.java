package io.novacron.consensus.log;

/**
 * Immutable settings of a {@link SegmentedFileLog}.
 *
 * <p>Why a record with {@link #validate()}: a bad value must fail start-up with one line naming the
 * setting, not surface later as a strange I/O error.
 *
 * @param segmentSizeBytes a segment rolls over before a record would take it past this size; a single
 *     larger record gets a segment of its own
 * @param appendBufferSizeBytes bytes of appended records kept in memory before a write system call;
 *     larger batches fewer writes per {@link LogStore#sync()}
 * @param payloadSizeBytesMax the largest payload {@link LogStore#append} accepts; recovery also treats
 *     a longer length field as a bad frame
 */
public record LogConfig(long segmentSizeBytes, int appendBufferSizeBytes, int payloadSizeBytesMax) {

    /** 64 MiB: few files for a long log, yet compaction frees space in reasonable steps. */
    public static final long SEGMENT_SIZE_BYTES_DEFAULT = 64L << 20;
    /** 256 KiB: enough to batch thousands of small records per write. */
    public static final int APPEND_BUFFER_SIZE_BYTES_DEFAULT = 256 << 10;
    /** 16 MiB: a proposal batch, never a snapshot (snapshots go to {@link SnapshotStore}). */
    public static final int PAYLOAD_SIZE_BYTES_MAX_DEFAULT = 16 << 20;

    /** Segments are scanned whole into memory on open and indexed with int offsets, hence 1 GiB. */
    static final long SEGMENT_SIZE_BYTES_LIMIT = 1L << 30;
    static final long SEGMENT_SIZE_BYTES_MIN = 64;
    static final int APPEND_BUFFER_SIZE_BYTES_MIN = 64;
    static final int APPEND_BUFFER_SIZE_BYTES_LIMIT = 64 << 20;

    /** The defaults, valid. */
    public static LogConfig defaults() {
        return new LogConfig(SEGMENT_SIZE_BYTES_DEFAULT, APPEND_BUFFER_SIZE_BYTES_DEFAULT,
                PAYLOAD_SIZE_BYTES_MAX_DEFAULT);
    }

    /** A copy with another segment size (tests use a few hundred bytes to force rollover). */
    public LogConfig withSegmentSizeBytes(long value) {
        return new LogConfig(value, appendBufferSizeBytes, payloadSizeBytesMax);
    }

    /** A copy with another append buffer size. */
    public LogConfig withAppendBufferSizeBytes(int value) {
        return new LogConfig(segmentSizeBytes, value, payloadSizeBytesMax);
    }

    /** A copy with another payload limit. */
    public LogConfig withPayloadSizeBytesMax(int value) {
        return new LogConfig(segmentSizeBytes, appendBufferSizeBytes, value);
    }

    /**
     * Checks every setting.
     *
     * @return this, for chaining
     * @throws IllegalArgumentException one line naming the setting, its value and what is allowed
     */
    public LogConfig validate() {
        requireRange("segmentSizeBytes", segmentSizeBytes, SEGMENT_SIZE_BYTES_MIN, SEGMENT_SIZE_BYTES_LIMIT);
        requireRange("appendBufferSizeBytes", appendBufferSizeBytes, APPEND_BUFFER_SIZE_BYTES_MIN,
                APPEND_BUFFER_SIZE_BYTES_LIMIT);
        requireRange("payloadSizeBytesMax", payloadSizeBytesMax, 1,
                SEGMENT_SIZE_BYTES_LIMIT - RecordFrame.HEADER_BYTES);
        return this;
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("LogConfig." + name + "=" + value
                    + " is not allowed: must be between " + min + " and " + max);
        }
    }
}
