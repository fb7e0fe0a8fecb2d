package io.novacron.health;

import io.novacron.schema.SchemaMigrator;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when every schema migration is applied; retries a migration that could not run at start-up. */
@Readiness
@ApplicationScoped
public class MigrationsReadiness implements HealthCheck {

    @EJB
    SchemaMigrator schema;

    @Override
    public HealthCheckResponse call() {
        boolean migrated = schema.ensureMigrated();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("schema").status(migrated);
        if (migrated) {
            response.withData("version", String.valueOf(schema.schemaVersion()));
        } else {
            response.withData("reason", schema.failure().orElse("not migrated"));
        }
        return response.build();
    }
}
