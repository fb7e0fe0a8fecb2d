package io.novacron.system;

import java.util.Optional;

/**
 * Whether the process may open enough files for the HTTP connections it admits plus what the server itself keeps
 * open (consensus journal, grid, database, libraries, peer links). A server that runs out of file handles under an
 * HTTP overload fails in the journal, not at the HTTP edge, so the two limits must fit together.
 */
public final class FileHandleBudget {

    /** Handles the server keeps open besides HTTP connections, with room to spare (a started server holds ~900). */
    public static final int SERVER_RESERVE = 2_048;

    private FileHandleBudget() {
    }

    /**
     * A one-line warning when {@code processLimit} (the process's open-file limit, negative if unknown) cannot hold
     * {@code maxOpenConnections} HTTP connections and the server's own files; empty when it can.
     */
    public static Optional<String> shortfall(long processLimit, int maxOpenConnections) {
        long needed = (long) maxOpenConnections + SERVER_RESERVE;
        if (processLimit < 0 || processLimit >= needed) {
            return Optional.empty();
        }
        return Optional.of("NovaCron may open " + processLimit + " files but needs " + needed + " ("
                + maxOpenConnections + " HTTP connections, novacron.http.max-open-connections, + " + SERVER_RESERVE
                + " for the server): raise the limit (ulimit -n) or lower novacron.http.max-open-connections, or an"
                + " HTTP overload can exhaust the handles the consensus journal needs");
    }
}
