package io.novacron.api.metrics;

import io.novacron.grid.GridNode;
import io.novacron.grid.GridStatus;
import io.novacron.grid.config.GridCaches;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** Registers gauges over the grid when the application starts: hosts held and grid server nodes. */
@ApplicationScoped
public class StateGauges {

    @Inject
    MetricRegistry registry;
    @EJB
    GridNode grid;
    @Inject
    @ConfigProperty(name = "novacron.node.id", defaultValue = "node-1")
    String nodeId;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registry.gauge(Metadata.builder().withName("novacron.grid.hosts")
                .withDescription("Host records in this member's copy of the agreed state").build(), this, StateGauges::hostCount);
        registry.gauge(Metadata.builder().withName("novacron.grid.nodes")
                .withDescription("Server nodes in the grid topology").build(), this, StateGauges::gridNodes);
    }

    long hostCount() {
        GridStatus status = grid.status();
        return status.active() ? grid.cache(GridCaches.hosts(nodeId)).size() : 0;
    }

    long gridNodes() {
        return grid.status().nodes();
    }
}
