package io.novacron.grid.config;

import org.apache.ignite.Ignite;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cluster.ClusterState;
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
    void theAgreedStateCachesAreAtomicAndTheRegionIsBounded() {
        try (Ignite ignite = Ignition.start(GridConfigurationFactory.build(settings(false), getClass().getClassLoader()))) {
            for (String name : List.of(GridCaches.hosts("node-1"), GridCaches.hostNames("node-1"))) {
                IgniteCache<String, String> cache = ignite.cache(name);
                assertEquals(CacheAtomicityMode.ATOMIC,
                        cache.getConfiguration(CacheConfiguration.class).getAtomicityMode(), name);
                cache.put("k", "v");
                assertEquals("v", cache.get("k"));
            }
            assertEquals(96L * 1024 * 1024,
                    ignite.configuration().getDataStorageConfiguration().getDefaultDataRegionConfiguration().getMaxSize());
        }
    }

    @Test
    void eachMembersCachesLiveOnItsOwnNodeOnlyWhenTheMembersShareAGrid() {
        List<String> discovery = List.of("127.0.0.1:47620..47622");
        GridSettings first = new GridSettings("grid-config-test-a", "node-1", "127.0.0.1", 47620, 2, 47220, discovery,
                96, false, work.resolve("a"));
        GridSettings second = new GridSettings("grid-config-test-b", "node-2", "127.0.0.1", 47621, 1, 47230,
                discovery, 96, false, work.resolve("b"));
        try (Ignite one = Ignition.start(GridConfigurationFactory.build(first, getClass().getClassLoader()));
             Ignite two = Ignition.start(GridConfigurationFactory.build(second, getClass().getClassLoader()))) {
            assertEquals(2, one.cluster().forServers().nodes().size());
            one.<String, String>cache(GridCaches.hosts("node-1")).put("id-1", "hv-01");
            two.<String, String>cache(GridCaches.hosts("node-2")).put("id-2", "hv-02");

            assertEquals(1, one.cache(GridCaches.hosts("node-1")).localSize(CachePeekMode.ALL));
            assertEquals(0, two.cache(GridCaches.hosts("node-1")).localSize(CachePeekMode.ALL));
            assertEquals(1, two.cache(GridCaches.hosts("node-2")).localSize(CachePeekMode.ALL));
            assertEquals(0, one.cache(GridCaches.hosts("node-2")).localSize(CachePeekMode.ALL));
            assertEquals(List.of(one.cluster().localNode()),
                    List.copyOf(one.cluster().forCacheNodes(GridCaches.hosts("node-1")).nodes()));
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
            ignite.<String, String>cache(GridCaches.hosts("node-1")).put("id-1", "hv-01");
        }
        try (Ignite ignite = Ignition.start(GridConfigurationFactory.build(persistent, getClass().getClassLoader()))) {
            ignite.cluster().state(ClusterState.ACTIVE);
            assertEquals("hv-01", ignite.<String, String>cache(GridCaches.hosts("node-1")).get("id-1"));
        }
    }
}
