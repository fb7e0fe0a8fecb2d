package io.novacron.grid;

/**
 * What the local grid node sees of the cluster, for the overview page and readiness.
 *
 * @param active          whether the cluster accepts reads and writes
 * @param nodes           server nodes in the topology
 * @param localNodeId     this node's Ignite id, or null when the node is not running
 * @param topologyVersion increases with every join and leave
 * @param baselineNodes   nodes in the baseline topology (the nodes that hold the persisted data), online or not
 * @param failure         why the node is not running or the cluster not active, or null
 */
public record GridStatus(boolean active, int nodes, String localNodeId, long topologyVersion, int baselineNodes,
                         String failure) {

    static GridStatus down(String failure) {
        return new GridStatus(false, 0, null, 0, 0, failure);
    }
}
