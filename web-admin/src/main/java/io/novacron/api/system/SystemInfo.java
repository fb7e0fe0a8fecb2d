package io.novacron.api.system;

import java.time.Instant;
import java.util.List;

/** What the overview page shows about this server. */
public record SystemInfo(String version, String nodeId, Instant startedAt, Database database, Grid grid,
                         Cluster cluster) {

    /** The database behind the audit trail. */
    public record Database(String kind, String product, String schemaVersion, boolean migrated) {
    }

    /** The state grid as this node sees it. */
    public record Grid(boolean active, int nodes, String localNodeId, long topologyVersion, int hostCount,
                       int baselineNodes, int localHostCount) {
    }

    /** The control plane's members as this node is configured, and whose signing keys it still lacks. */
    public record Cluster(String protocol, List<String> members, int faultsTolerated, List<String> missingKeys) {
    }
}
