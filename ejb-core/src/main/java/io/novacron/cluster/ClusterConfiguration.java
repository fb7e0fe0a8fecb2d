package io.novacron.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * Reads and validates this server's {@link ClusterSettings} once, at start-up. Invalid settings fail the
 * deployment with one line naming the key; the grid node, the keys and the consensus service read them here.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ClusterConfiguration {

    private static final Logger LOG = Logger.getLogger(ClusterConfiguration.class.getName());

    @Inject
    @ConfigProperty(name = ClusterSettings.NODE_ID_KEY, defaultValue = "node-1")
    String nodeId;
    @Inject
    @ConfigProperty(name = ClusterSettings.MEMBERS_KEY)
    Optional<String> members;
    @Inject
    @ConfigProperty(name = ClusterSettings.PORT_KEY, defaultValue = "7800")
    String port;
    @Inject
    @ConfigProperty(name = ClusterSettings.PROTOCOL_KEY, defaultValue = "raft")
    String protocol;

    private volatile ClusterSettings settings;

    @PostConstruct
    void start() {
        try {
            int parsedPort;
            try {
                parsedPort = Integer.parseInt(port.trim());
            } catch (NumberFormatException e) {
                throw ClusterSettings.invalid(ClusterSettings.PORT_KEY, port, "1..65535");
            }
            settings = ClusterSettings.of(nodeId, members, parsedPort, protocol);
        } catch (IllegalArgumentException e) {
            LOG.severe(e.getMessage());
            throw e;
        }
        settings.warning().ifPresent(LOG::warning);
        LOG.info(() -> "NovaCron cluster: node " + settings.nodeId() + " is " + settings.protocol().configName()
                + " replica " + settings.indexOf(settings.nodeId()) + " of " + settings.size() + " ("
                + settings.membersValue() + "), tolerating " + settings.faultsTolerated() + " fault(s)");
    }

    /** The validated settings. */
    public ClusterSettings settings() {
        return settings;
    }
}
