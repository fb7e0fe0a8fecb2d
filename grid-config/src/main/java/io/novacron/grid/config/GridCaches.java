package io.novacron.grid.config;

import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.util.AttributeNodeFilter;

import java.util.List;

/**
 * The caches that hold the cluster's agreed state, by name, with the one template they share.
 * <p>
 * Every member keeps its own copy of the agreed state, applied from the consensus log (see docs/architecture.md):
 * its caches are named after it and live on its grid node only (a node filter on {@value #NODE_ATTRIBUTE}), so no
 * member ever writes another's copy, even when the members form one grid. The caches are atomic, not transactional:
 * one thread writes them (the member's consensus thread, in log order), readers use one cache per question, and every
 * start rebuilds the copy from the consensus journal, so a round the grid failed part-way through never outlives the
 * restart that follows. A transaction per round was most of the cost of applying it.
 */
public final class GridCaches {

    /** The user attribute naming the NovaCron member a grid node belongs to. */
    public static final String NODE_ATTRIBUTE = "novacron.node.id";

    private static final String HOSTS_PREFIX = "novacron-hosts@";
    private static final String HOST_NAMES_PREFIX = "novacron-host-names@";

    private GridCaches() {
    }

    /** Host records by host id, on member {@code nodeId}. */
    public static String hosts(String nodeId) {
        return HOSTS_PREFIX + nodeId;
    }

    /** Host id by host name (the uniqueness index for names), on member {@code nodeId}. */
    public static String hostNames(String nodeId) {
        return HOST_NAMES_PREFIX + nodeId;
    }

    /** The caches of member {@code nodeId}, created when its node starts. */
    public static List<CacheConfiguration<?, ?>> of(String nodeId) {
        return List.of(local(hosts(nodeId), nodeId), local(hostNames(nodeId), nodeId));
    }

    static CacheConfiguration<?, ?> local(String name, String nodeId) {
        return new CacheConfiguration<>(name)
                .setCacheMode(CacheMode.REPLICATED)
                .setNodeFilter(new AttributeNodeFilter(NODE_ATTRIBUTE, nodeId))
                .setAtomicityMode(CacheAtomicityMode.ATOMIC)
                .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
                .setReadFromBackup(true);
    }
}
