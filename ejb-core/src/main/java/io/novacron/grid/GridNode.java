package io.novacron.grid;

import io.novacron.cluster.ClusterConfiguration;
import io.novacron.cluster.ClusterProtocol;
import io.novacron.cluster.ClusterSettings;
import io.novacron.grid.config.GridCaches;
import io.novacron.grid.config.GridConfigurationFactory;
import io.novacron.grid.config.GridSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;
import org.apache.ignite.cluster.BaselineNode;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.cluster.ClusterState;
import org.apache.ignite.configuration.CacheConfiguration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts this server's Ignite node with the application and stops it with the application.
 * A node that fails to start does not fail the deployment: the server stays up, reports the reason
 * through readiness and answers state requests with 503 until an operator fixes the cause.
 * <p>
 * Under Raft the grid's members are the cluster's members ({@link ClusterSettings}): unless
 * {@code novacron.grid.discovery-addresses} is set, the node looks for the others on the member hosts. Under PBFT
 * each member's node forms a grid of its own (see {@link #ownGrid}). Either way each member's agreed state lives in
 * caches of its own, on its own node ({@code GridCaches}).
 * A one-member cluster activates itself at start, as the single server always did; a larger one is activated and
 * its baseline kept equal to the members by {@link BaselinePolicy}, checked every second.
 */
@Singleton
@Startup
@DependsOn("ClusterConfiguration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class GridNode {

    private static final Logger LOG = Logger.getLogger(GridNode.class.getName());
    private static final String SINGLE_NODE_DISCOVERY = "127.0.0.1:47500..47509";
    private static final long BASELINE_CHECK_MS = 1_000;

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
    /** Unset: derived from the cluster members (the single-server default: {@value #SINGLE_NODE_DISCOVERY}). */
    @Inject
    @ConfigProperty(name = "novacron.grid.discovery-addresses")
    Optional<String> discoveryAddresses;
    @Inject
    @ConfigProperty(name = ClusterSettings.MEMBERS_KEY)
    Optional<String> configuredMembers;
    @Inject
    @ConfigProperty(name = "novacron.grid.region-max-mib", defaultValue = "256")
    long regionMaxMib;
    @Inject
    @ConfigProperty(name = "novacron.grid.persistent", defaultValue = "true")
    boolean persistent;
    @Inject
    @ConfigProperty(name = "novacron.data.dir", defaultValue = "novacron-data")
    String dataDir;

    @EJB
    ClusterConfiguration cluster;
    @Resource
    TimerService timers;

    private volatile Ignite ignite;
    private volatile String failure = "not started";
    private final AtomicBoolean tending = new AtomicBoolean();
    private volatile String lastBaselineWait;

    @PostConstruct
    void start() {
        ClusterSettings members = cluster.settings();
        GridSettings settings = new GridSettings(instanceName, nodeId, localAddress, discoveryPort, discoveryPortRange,
                communicationPort, discoveryAddresses(members), regionMaxMib, persistent, Path.of(dataDir, "grid"))
                .validate();
        try {
            Ignite started = Ignition.start(GridConfigurationFactory.build(settings, getClass().getClassLoader()));
            if (ownGrid(members) && started.cluster().state() != ClusterState.ACTIVE) {
                // A persistent cluster starts inactive; a node alone in its grid (the single-server default, or a
                // PBFT member) activates itself. A shared grid waits for its members (tendBaseline).
                started.cluster().state(ClusterState.ACTIVE);
            }
            ignite = started;
            failure = null;
            LOG.info(() -> "NovaCron grid node " + started.cluster().localNode().id() + " started: "
                    + started.cluster().forServers().nodes().size() + " server(s) of " + members.size()
                    + " member(s), discovery " + settings.discoveryAddresses() + ", persistence "
                    + (persistent ? "on in " + settings.workDirectory().toAbsolutePath() : "off"));
            if (!ownGrid(members)) {
                timers.createIntervalTimer(0, BASELINE_CHECK_MS, new TimerConfig("novacron-grid-baseline", false));
            }
        } catch (RuntimeException e) {
            failure = e.getMessage();
            LOG.log(Level.SEVERE, "NovaCron grid node did not start: " + e.getMessage()
                    + " (check novacron.grid.* ports and the data directory)", e);
        }
    }

    /**
     * Whether this node forms a grid of its own: a single server, or a PBFT member. PBFT members do not trust each
     * other and Ignite has no authorization between grid nodes (any node may write any cache), so each keeps its
     * copy of the agreed state in a grid no other member can reach.
     */
    private static boolean ownGrid(ClusterSettings members) {
        return members.singleMember() || members.protocol() == ClusterProtocol.PBFT;
    }

    /**
     * A PBFT member looks only for itself; otherwise explicit addresses win, else the member hosts; the single-server
     * default keeps its historic range.
     */
    private List<String> discoveryAddresses(ClusterSettings members) {
        Optional<String> explicit = discoveryAddresses.filter(value -> !value.isBlank());
        if (!members.singleMember() && ownGrid(members)) {
            explicit.ifPresent(ignored -> LOG.warning("novacron.grid.discovery-addresses is ignored under PBFT: each"
                    + " member's grid is its own"));
            return List.of(localAddress + ":" + discoveryPort); // its own port only: never join a neighbour
        }
        if (explicit.isPresent()) {
            return Arrays.stream(explicit.get().split(",")).map(String::trim).toList();
        }
        if (configuredMembers.filter(value -> !value.isBlank()).isEmpty()) {
            return List.of(SINGLE_NODE_DISCOVERY);
        }
        return members.gridDiscoveryAddresses(discoveryPort, discoveryPortRange);
    }

    /** Activates the grid and keeps its baseline equal to the members; see {@link BaselinePolicy}. */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tendBaseline(Timer timer) {
        Ignite current = ignite;
        if (current == null || !tending.compareAndSet(false, true)) {
            return;
        }
        try {
            Collection<ClusterNode> servers = current.cluster().forServers().nodes();
            Set<String> online = servers.stream().map(node -> String.valueOf(node.consistentId()))
                    .collect(Collectors.toSet());
            Collection<BaselineNode> baseline = current.cluster().currentBaselineTopology();
            Set<String> baselineIds = baseline == null ? null : baseline.stream()
                    .map(node -> String.valueOf(node.consistentId())).collect(Collectors.toSet());
            boolean active = current.cluster().state() == ClusterState.ACTIVE;
            BaselinePolicy.Decision decision = BaselinePolicy.decide(cluster.settings().memberIds(), nodeId, online,
                    active, baselineIds);
            if (decision instanceof BaselinePolicy.Activate activate) {
                LOG.info(() -> "NovaCron grid: activating the cluster: " + activate.reason());
                current.cluster().state(ClusterState.ACTIVE);
                if (current.cluster().isBaselineAutoAdjustEnabled()) {
                    // The baseline follows the member list, not every join and leave (see BaselinePolicy).
                    current.cluster().baselineAutoAdjustEnabled(false);
                }
                LOG.info(() -> "NovaCron grid: active with baseline " + baselineIds(current));
            } else if (decision instanceof BaselinePolicy.SetBaseline set) {
                List<BaselineNode> nodes = new ArrayList<>();
                for (String id : set.consistentIds()) {
                    servers.stream().filter(node -> id.equals(String.valueOf(node.consistentId()))).findFirst()
                            .map(BaselineNode.class::cast)
                            .or(() -> baseline.stream().filter(node -> id.equals(String.valueOf(node.consistentId())))
                                    .findFirst())
                            .ifPresent(nodes::add);
                }
                LOG.info(() -> "NovaCron grid: baseline " + baselineIds + " -> " + set.consistentIds());
                current.cluster().setBaselineTopology(nodes);
            } else if (decision instanceof BaselinePolicy.Wait wait && !active
                    && !wait.reason().equals(lastBaselineWait)) {
                lastBaselineWait = wait.reason();
                LOG.info(() -> "NovaCron grid inactive: " + wait.reason());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "NovaCron grid: baseline check failed: " + e.getMessage(), e);
        } finally {
            tending.set(false);
        }
    }

    private static Set<String> baselineIds(Ignite ignite) {
        Collection<BaselineNode> baseline = ignite.cluster().currentBaselineTopology();
        return baseline == null ? Set.of() : baseline.stream().map(node -> String.valueOf(node.consistentId()))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    @PreDestroy
    void stop() {
        timers.getTimers().forEach(Timer::cancel);
        Ignite running = ignite;
        ignite = null;
        failure = "stopped";
        if (running != null) {
            running.close();
        }
    }

    /**
     * Makes this member's own caches usable again after it was down: in a shared grid the others mark a dead
     * member's partitions lost, and Ignite keeps refusing them after it returns. Safe because the caller rebuilds
     * the caches' content from the consensus journal right after.
     */
    public void reclaimOwnCaches() {
        running().resetLostPartitions(GridCaches.of(nodeId).stream().map(CacheConfiguration::getName).toList());
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
            boolean active = current.cluster().state() == ClusterState.ACTIVE;
            return new GridStatus(active,
                    current.cluster().forServers().nodes().size(),
                    current.cluster().localNode().id().toString(),
                    current.cluster().topologyVersion(), baselineIds(current).size(),
                    active ? null : "the grid cluster is not active (" + (lastBaselineWait == null
                            ? "activating" : lastBaselineWait) + ")");
        } catch (RuntimeException e) {
            return GridStatus.down(e.getMessage());
        }
    }
}
