package io.novacron.consensus.log;

import java.util.List;

/**
 * What {@link SegmentedFileLog#open} found and repaired while scanning the segments.
 *
 * <p>Why it is returned rather than only logged: the driver decides how loudly to report a torn tail
 * (normal after a crash) and the tests assert on exactly how many bytes were dropped.
 *
 * @param segmentCount segments present after recovery
 * @param recordsRecovered valid records found in all segments
 * @param bytesDropped bytes cut from the end of the last segment (a torn tail); 0 after a clean close
 * @param notes one line per repair made (torn tail truncated, interrupted reset completed)
 */
public record RecoveryReport(int segmentCount, long recordsRecovered, long bytesDropped, List<String> notes) {

    public RecoveryReport {
        notes = List.copyOf(notes);
    }

    /** True when the last segment ended in an incomplete or bad frame that was cut away. */
    public boolean tornTail() {
        return bytesDropped > 0;
    }
}
