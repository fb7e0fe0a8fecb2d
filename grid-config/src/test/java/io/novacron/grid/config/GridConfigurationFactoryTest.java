package io.novacron.grid.config;

import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;
import org.apache.ignite.cluster.ClusterState;
import org.apache.ignite.transactions.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Starts real Ignite nodes from the factory's configuration. */
class GridConfigurationFactoryTest {

    @TempDir
    Path work;

    private GridSettings settings(boolean persistent) {
        return new GridSettings("grid-config-test-" + persistent, "node-1", "127.0.0.1", 47600, 10, 47200,
                List.of("127.0.0.1:47600..47610"), 96, persistent, work);
    }

    @Test
    void aRolledBackTransactionLeavesBothCachesUntouched() {
        try (Ignite ignite = Ignition.start(GridConfigurationFactory.build(settings(false), getClass().getClassLoader()))) {
            IgniteCache<String, String> hosts = ignite.cache(GridCaches.HOSTS);
            IgniteCache<String, String> names = ignite.cache(GridCaches.HOST_NAMES);
            try (Transaction tx = ignite.transactions().txStart()) {
                hosts.put("id-1", "hv-01");
                names.put("hv-01", "id-1");
                tx.rollback();
            }
            assertNull(hosts.get("id-1"));
            assertNull(names.get("hv-01"));
            assertEquals(96L * 1024 * 1024,
                    ignite.configuration().getDataStorageConfiguration().getDefaultDataRegionConfiguration().getMaxSize());
        }
    }

    @Test
    void theNodeOpensNoClientOrRestListener() {
        var configuration = GridConfigurationFactory.build(settings(false), getClass().getClassLoader());
        assertNull(configuration.getClientConnectorConfiguration());
        assertNull(configuration.getConnectorConfiguration());
    }

    @Test
    void aPersistentNodeKeepsItsStateAcrossARestart() {
        GridSettings persistent = settings(true);
        try (Ignite ignite = Ignition.start(GridConfigurationFactory.build(persistent, getClass().getClassLoader()))) {
            ignite.cluster().state(ClusterState.ACTIVE);
            ignite.<String, String>cache(GridCaches.HOSTS).put("id-1", "hv-01");
        }
        try (Ignite ignite = Ignition.start(GridConfigurationFactory.build(persistent, getClass().getClassLoader()))) {
            ignite.cluster().state(ClusterState.ACTIVE);
            assertEquals("hv-01", ignite.<String, String>cache(GridCaches.HOSTS).get("id-1"));
        }
    }
}
