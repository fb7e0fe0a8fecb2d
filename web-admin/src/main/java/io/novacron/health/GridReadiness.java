package io.novacron.health;

import io.novacron.grid.GridNode;
import io.novacron.grid.GridStatus;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the local grid node runs and the cluster is active. */
@Readiness
@ApplicationScoped
public class GridReadiness implements HealthCheck {

    @EJB
    GridNode grid;

    @Override
    public HealthCheckResponse call() {
        GridStatus status = grid.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("grid").status(status.active())
                .withData("nodes", status.nodes());
        if (status.failure() != null) {
            response.withData("reason", status.failure());
        }
        return response.build();
    }
}
