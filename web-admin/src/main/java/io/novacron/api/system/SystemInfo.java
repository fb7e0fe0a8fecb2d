package io.novacron.api.system;

import java.time.Instant;

/** What the overview page shows about this server. */
public record SystemInfo(String version, String nodeId, Instant startedAt, Database database, Grid grid) {

    /** The database behind the audit trail. */
    public record Database(String kind, String product, String schemaVersion, boolean migrated) {
    }

    /** The state grid as this node sees it. */
    public record Grid(boolean active, int nodes, String localNodeId, long topologyVersion, int hostCount) {
    }
}
