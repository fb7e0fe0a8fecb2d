package io.novacron.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * One Flyway migration of a data source to the scripts under {@code classpath:db/migration}.
 * Plain Java, so the exact call Liberty makes at start-up runs in unit tests against H2 and PostgreSQL.
 */
public final class SchemaMigration {

    /** Where the scripts live: {@code novacron-sql}'s jar, beside the marker file {@code flyway.location}. */
    public static final String LOCATION = "classpath:db/migration";

    private final DataSource dataSource;
    private final ClassLoader classLoader;

    /**
     * @param classLoader the loader that sees {@code novacron-sql}; inside Liberty the application's,
     *                    because Flyway's default (the thread context loader) may not see the scripts
     */
    public SchemaMigration(DataSource dataSource, ClassLoader classLoader) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    }

    /**
     * Applies pending migrations and reports where the database stands. Idempotent: a second call
     * applies nothing.
     *
     * @throws SQLException                           if no connection can be opened
     * @throws org.flywaydb.core.api.FlywayException if a migration or validation fails
     */
    public AppliedSchema migrate() throws SQLException {
        Database database = describeDatabase();
        Flyway flyway = Flyway.configure(classLoader)
                .dataSource(dataSource)
                .locations(LOCATION)
                // Flyway also scans db/callback by default, which does not exist and logs an error in Liberty.
                .callbackLocations(LOCATION)
                // A missing novacron-sql jar must fail loudly, not leave an empty schema behind.
                .failOnMissingLocations(true)
                .load();
        MigrateResult result = flyway.migrate();
        MigrationInfo current = flyway.info().current();
        String version = current == null || current.getVersion() == null ? "none" : current.getVersion().getVersion();
        return new AppliedSchema(version, result.migrationsExecuted, database.kind(), database.product());
    }

    /** What the connection's metadata says; opening it first also gives a plain error when unreachable. */
    private Database describeDatabase() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            return new Database(kindOf(meta.getDatabaseProductName()),
                    meta.getDatabaseProductName() + ' ' + meta.getDatabaseProductVersion());
        }
    }

    private record Database(String kind, String product) {
    }

    /** "H2" or "PostgreSQL" for the two supported databases, else the product name unchanged. */
    static String kindOf(String productName) {
        if (productName == null) {
            return "unknown";
        }
        if (productName.equalsIgnoreCase("H2")) {
            return "H2";
        }
        if (productName.toLowerCase(Locale.ROOT).startsWith("postgresql")) {
            return "PostgreSQL";
        }
        return productName;
    }
}
