package io.novacron.grid;

/**
 * What the local grid node sees of the cluster, for the overview page and readiness.
 *
 * @param active          whether the cluster accepts reads and writes
 * @param nodes           server nodes in the topology
 * @param localNodeId     this node's Ignite id, or null when the node is not running
 * @param topologyVersion increases with every join and leave
 * @param failure         why the node is not running, or null
 */
public record GridStatus(boolean active, int nodes, String localNodeId, long topologyVersion, String failure) {

    static GridStatus down(String failure) {
        return new GridStatus(false, 0, null, 0, failure);
    }
}
