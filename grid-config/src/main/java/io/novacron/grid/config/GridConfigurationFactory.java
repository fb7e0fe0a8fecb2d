package io.novacron.grid.config;

import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.configuration.SystemDataRegionConfiguration;
import org.apache.ignite.logger.java.JavaLogger;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;

/**
 * Turns {@link GridSettings} into an Ignite configuration. It exists so that the server and the tests
 * start exactly the same node: static discovery (no multicast), a bounded data region, and the state caches.
 */
public final class GridConfigurationFactory {

    private static final long MIB = 1024L * 1024L;
    private static final long SYSTEM_REGION_MIB = 40;

    private GridConfigurationFactory() {
    }

    /**
     * @param classLoader the loader of the application classes stored in the caches (inside Liberty, the
     *                    EJB module's loader; Ignite would otherwise use its own and miss them)
     */
    public static IgniteConfiguration build(GridSettings settings, ClassLoader classLoader) {
        settings.validate();

        TcpDiscoveryVmIpFinder ipFinder = new TcpDiscoveryVmIpFinder();
        ipFinder.setAddresses(settings.discoveryAddresses());
        TcpDiscoverySpi discovery = new TcpDiscoverySpi()
                .setIpFinder(ipFinder)
                .setLocalAddress(settings.localAddress())
                .setLocalPort(settings.discoveryPort())
                .setLocalPortRange(settings.discoveryPortRange());

        TcpCommunicationSpi communication = new TcpCommunicationSpi();
        communication.setLocalAddress(settings.localAddress());
        communication.setLocalPort(settings.communicationPort());

        DataRegionConfiguration region = new DataRegionConfiguration()
                .setName("novacron-state")
                .setInitialSize(Math.min(settings.regionMaxMib(), GridSettings.REGION_MIN_MIB) * MIB)
                .setMaxSize(settings.regionMaxMib() * MIB)
                .setPersistenceEnabled(settings.persistent());
        String work = settings.workDirectory().toAbsolutePath().toString();
        DataStorageConfiguration storage = new DataStorageConfiguration()
                .setDefaultDataRegionConfiguration(region)
                // Ignite's internal regions default to 100 MiB each; the grid's state is small.
                .setSystemDataRegionConfiguration(new SystemDataRegionConfiguration()
                        .setInitialSize(SYSTEM_REGION_MIB * MIB).setMaxSize(SYSTEM_REGION_MIB * MIB))
                .setStoragePath(work + "/db")
                .setWalPath(work + "/wal")
                .setWalArchivePath(work + "/wal/archive");

        return new IgniteConfiguration()
                .setIgniteInstanceName(settings.instanceName())
                .setConsistentId(settings.consistentId())
                .setClassLoader(classLoader)
                .setWorkDirectory(work)
                .setLocalHost(settings.localAddress())
                .setDiscoverySpi(discovery)
                .setCommunicationSpi(communication)
                .setDataStorageConfiguration(storage)
                // No thin-client, JDBC or REST listeners: the grid is reached only through the application,
                // and these would be unauthenticated ports on every server.
                .setClientConnectorConfiguration(null)
                .setConnectorConfiguration(null)
                .setGridLogger(new JavaLogger())
                .setMetricsLogFrequency(0)
                .setUserAttributes(java.util.Map.of(GridCaches.NODE_ATTRIBUTE, settings.consistentId()))
                .setCacheConfiguration(GridCaches.of(settings.consistentId()).toArray(CacheConfiguration[]::new));
    }
}
