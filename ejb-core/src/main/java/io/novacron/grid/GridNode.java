package io.novacron.grid;

import io.novacron.grid.config.GridConfigurationFactory;
import io.novacron.grid.config.GridSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;
import org.apache.ignite.cluster.ClusterState;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts this server's Ignite node with the application and stops it with the application.
 * A node that fails to start does not fail the deployment: the server stays up, reports the reason
 * through readiness and answers state requests with 503 until an operator fixes the cause.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class GridNode {

    private static final Logger LOG = Logger.getLogger(GridNode.class.getName());

    @Inject
    @ConfigProperty(name = "novacron.grid.instance-name", defaultValue = "novacron")
    String instanceName;
    @Inject
    @ConfigProperty(name = "novacron.node.id", defaultValue = "node-1")
    String nodeId;
    @Inject
    @ConfigProperty(name = "novacron.grid.local-address", defaultValue = "127.0.0.1")
    String localAddress;
    @Inject
    @ConfigProperty(name = "novacron.grid.discovery-port", defaultValue = "47500")
    int discoveryPort;
    @Inject
    @ConfigProperty(name = "novacron.grid.discovery-port-range", defaultValue = "10")
    int discoveryPortRange;
    @Inject
    @ConfigProperty(name = "novacron.grid.communication-port", defaultValue = "47100")
    int communicationPort;
    @Inject
    @ConfigProperty(name = "novacron.grid.discovery-addresses", defaultValue = "127.0.0.1:47500..47509")
    List<String> discoveryAddresses;
    @Inject
    @ConfigProperty(name = "novacron.grid.region-max-mib", defaultValue = "256")
    long regionMaxMib;
    @Inject
    @ConfigProperty(name = "novacron.grid.persistent", defaultValue = "true")
    boolean persistent;
    @Inject
    @ConfigProperty(name = "novacron.data.dir", defaultValue = "novacron-data")
    String dataDir;

    private volatile Ignite ignite;
    private volatile String failure = "not started";

    @PostConstruct
    void start() {
        GridSettings settings = new GridSettings(instanceName, nodeId, localAddress, discoveryPort, discoveryPortRange,
                communicationPort, discoveryAddresses, regionMaxMib, persistent, Path.of(dataDir, "grid"))
                .validate();
        try {
            Ignite started = Ignition.start(GridConfigurationFactory.build(settings, getClass().getClassLoader()));
            if (started.cluster().state() != ClusterState.ACTIVE) {
                // A persistent cluster starts inactive; the single-node default activates itself.
                started.cluster().state(ClusterState.ACTIVE);
            }
            ignite = started;
            failure = null;
            LOG.info(() -> "NovaCron grid node " + started.cluster().localNode().id() + " started: "
                    + started.cluster().forServers().nodes().size() + " server(s), persistence "
                    + (persistent ? "on in " + settings.workDirectory().toAbsolutePath() : "off"));
        } catch (RuntimeException e) {
            failure = e.getMessage();
            LOG.log(Level.SEVERE, "NovaCron grid node did not start: " + e.getMessage()
                    + " (check novacron.grid.* ports and the data directory)", e);
        }
    }

    @PreDestroy
    void stop() {
        Ignite running = ignite;
        ignite = null;
        failure = "stopped";
        if (running != null) {
            running.close();
        }
    }

    /** The cache with the given name; throws {@link GridUnavailableException} when the node is not usable. */
    public <K, V> IgniteCache<K, V> cache(String name) {
        return running().cache(name);
    }

    /** The running node; throws {@link GridUnavailableException} when it is not running or not active. */
    public Ignite running() {
        Ignite current = ignite;
        if (current == null) {
            throw new GridUnavailableException("The grid node is not running: " + failure);
        }
        if (current.cluster().state() != ClusterState.ACTIVE) {
            throw new GridUnavailableException("The grid cluster is not active");
        }
        return current;
    }

    public GridStatus status() {
        Ignite current = ignite;
        if (current == null) {
            return GridStatus.down(failure);
        }
        try {
            return new GridStatus(current.cluster().state() == ClusterState.ACTIVE,
                    current.cluster().forServers().nodes().size(),
                    current.cluster().localNode().id().toString(),
                    current.cluster().topologyVersion(), null);
        } catch (RuntimeException e) {
            return GridStatus.down(e.getMessage());
        }
    }
}
