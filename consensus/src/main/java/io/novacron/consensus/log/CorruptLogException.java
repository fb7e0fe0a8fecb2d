package io.novacron.consensus.log;

import java.nio.file.Path;

/**
 * A log segment holds a bad record that is not a torn tail: in a segment that is not the last, or
 * followed by valid records, or a gap between segments.
 *
 * <p>Why the log refuses to open instead of truncating: records past the bad one may have been synced
 * and acknowledged to peers, so dropping them would silently break the protocol's safety; an operator
 * must restore the node (or wipe it and let it catch up from a snapshot).
 */
public class CorruptLogException extends CorruptFileException {
    private static final long serialVersionUID = 1L;

    private final long index;

    /**
     * @param file the segment file
     * @param offsetBytes byte offset of the bad frame inside the file
     * @param index the record index expected at that offset
     * @param reason what check failed
     */
    public CorruptLogException(Path file, long offsetBytes, long index, String reason) {
        super(file, offsetBytes, reason, " (record index " + index + ")");
        this.index = index;
    }

    /** The record index expected at the bad offset. */
    public long index() {
        return index;
    }
}
