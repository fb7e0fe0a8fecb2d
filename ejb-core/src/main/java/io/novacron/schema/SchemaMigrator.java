package io.novacron.schema;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Migrates {@code jdbc/novacron} to the current schema when the application starts, and keeps the
 * outcome for readiness checks.
 * A database that is down at start must not fail deployment (the control plane still serves what
 * needs no database, and reports not ready): the failure is logged once and kept, and
 * {@link #ensureMigrated()} retries. Beans that need the schema at start-up declare
 * {@code @DependsOn("SchemaMigrator")}.
 *
 * <p>Bean-managed transactions because Flyway commits on its own connections (container-managed
 * ones make Liberty refuse them, DSRA9350E); bean-managed concurrency so status reads never wait
 * behind a slow retry.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SchemaMigrator {

    /** Shortest time between two migration attempts made by {@link #ensureMigrated()}. */
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(5);

    private static final String UNKNOWN = "unknown";

    @Resource(lookup = "jdbc/novacron")
    private DataSource dataSource;

    private volatile SchemaReadiness readiness;

    @PostConstruct
    void migrateAtStart() {
        ClassLoader classLoader = getClass().getClassLoader();
        readiness = new SchemaReadiness(() -> new SchemaMigration(dataSource, classLoader).migrate(),
                RETRY_INTERVAL, System::nanoTime);
        readiness.attemptNow();
    }

    /** Whether the database is at the schema this code expects. */
    public boolean isMigrated() {
        return readiness.isMigrated();
    }

    /**
     * Returns true if migrated; otherwise tries again (at most once per {@link #RETRY_INTERVAL}) and
     * returns whether that worked. For readiness checks.
     */
    public synchronized boolean ensureMigrated() {
        return readiness.ensureMigrated();
    }

    /** Current schema version, such as {@code "1"}; {@code "unknown"} until migrated. */
    public String schemaVersion() {
        return readiness.applied().map(AppliedSchema::version).orElse(UNKNOWN);
    }

    /** {@code "H2"} or {@code "PostgreSQL"}; {@code "unknown"} until migrated. */
    public String databaseKind() {
        return readiness.applied().map(AppliedSchema::databaseKind).orElse(UNKNOWN);
    }

    /** Product name and version, such as {@code "PostgreSQL 15.14"}; {@code "unknown"} until migrated. */
    public String databaseProduct() {
        return readiness.applied().map(AppliedSchema::databaseProduct).orElse(UNKNOWN);
    }

    /** Why the schema is not migrated, on one line; empty once migrated. */
    public Optional<String> failure() {
        return readiness.failure();
    }
}
