package io.novacron.grid.config;

import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;

import java.util.List;

/**
 * The caches that hold the cluster's agreed state, by name, with the one template they share.
 * Every cache is replicated to every server and transactional, so a change that touches two caches
 * (a host and its name index) is seen whole or not at all.
 */
public final class GridCaches {

    /** Host records by host id. */
    public static final String HOSTS = "novacron-hosts";
    /** Host id by host name: the uniqueness index for names. */
    public static final String HOST_NAMES = "novacron-host-names";

    private GridCaches() {
    }

    /** All cache configurations, created when the node starts. */
    public static List<CacheConfiguration<?, ?>> all() {
        return List.of(replicated(HOSTS), replicated(HOST_NAMES));
    }

    static CacheConfiguration<?, ?> replicated(String name) {
        return new CacheConfiguration<>(name)
                .setCacheMode(CacheMode.REPLICATED)
                .setAtomicityMode(CacheAtomicityMode.TRANSACTIONAL)
                .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
                .setReadFromBackup(true);
    }
}
