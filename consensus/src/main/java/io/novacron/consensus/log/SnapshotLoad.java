package io.novacron.consensus.log;

import java.util.List;

/**
 * The result of {@link SnapshotStore#loadLatest()}: the newest valid snapshot and a warning for every
 * newer snapshot file that was corrupt and skipped.
 *
 * <p>Why warnings travel with the result: falling back to an older snapshot is safe (the log and peers
 * supply the rest) but must never be silent, so the caller has to see it and report it.
 *
 * @param file the newest snapshot file that passed its checks
 * @param warnings one line per newer snapshot skipped, naming the file and the failed check
 */
public record SnapshotLoad(SnapshotFile file, List<String> warnings) {

    public SnapshotLoad {
        warnings = List.copyOf(warnings);
    }

    /** True when a newer snapshot was corrupt and an older one was returned. */
    public boolean fellBack() {
        return !warnings.isEmpty();
    }
}
