package io.novacron.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the JVM has heap to work with: a process that is out of memory should be restarted,
 * whereas a database outage is a readiness matter and must not cause restarts.
 */
@Liveness
@ApplicationScoped
public class ProcessLiveness implements HealthCheck {

    private static final double HEAP_USED_FRACTION_MAX = 0.95;

    @Override
    public HealthCheckResponse call() {
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        double fraction = (double) used / runtime.maxMemory();
        return HealthCheckResponse.named("heap").status(fraction < HEAP_USED_FRACTION_MAX)
                .withData("usedMib", used / (1024 * 1024))
                .withData("maxMib", runtime.maxMemory() / (1024 * 1024)).build();
    }
}
