package io.novacron.health;

import io.novacron.cluster.ClusterKeys;
import io.novacron.cluster.MemberKeyRing;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when this node holds every member's public key (and none of the key files is unreadable). Each check
 * looks for keys copied in since the last one, so the join step needs no restart.
 */
@Readiness
@ApplicationScoped
public class ClusterKeysReadiness implements HealthCheck {

    @EJB
    ClusterKeys keys;

    @Override
    public HealthCheckResponse call() {
        MemberKeyRing ring = keys.ring();
        String problem = keys.problem().orElse(null);
        HealthCheckResponseBuilder response = HealthCheckResponse.named("cluster-keys")
                .status(ring.complete() && problem == null)
                .withData("members", ring.settings().size());
        if (!ring.complete()) {
            response.withData("missing", String.join(",", ring.missing()))
                    .withData("reason", ring.describe() + "; copy each member's node.pub to "
                            + keys.membersDirectory().toAbsolutePath() + "/<id>.pub");
        }
        if (problem != null) {
            response.withData("problem", problem);
        }
        return response.build();
    }
}
