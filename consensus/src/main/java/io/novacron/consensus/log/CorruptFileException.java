package io.novacron.consensus.log;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A durable file of this package failed its framing or checksum check where a torn write cannot
 * explain it.
 *
 * <p>Why a distinct type: corruption must stop start-up with a message an operator can act on (which
 * file, which byte), rather than be treated like a transient I/O error and retried or silently skipped.
 */
public class CorruptFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offsetBytes;

    /**
     * @param file the corrupt file
     * @param offsetBytes byte offset of the first bad byte or frame, or -1 when the whole file is bad
     * @param reason what check failed
     */
    public CorruptFileException(Path file, long offsetBytes, String reason) {
        this(file, offsetBytes, reason, "");
    }

    CorruptFileException(Path file, long offsetBytes, String reason, String detail) {
        super("corrupt file " + file + " at byte offset " + offsetBytes + detail + ": " + reason);
        this.file = file;
        this.offsetBytes = offsetBytes;
    }

    /** The corrupt file. */
    public Path file() {
        return file;
    }

    /** Byte offset of the first bad frame or field, or -1 when the whole file is bad. */
    public long offsetBytes() {
        return offsetBytes;
    }
}
