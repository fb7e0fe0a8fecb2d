package io.novacron.schema;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, empty database for one test class: an H2 file database under {@code target/test-h2}, or a
 * new schema in the PostgreSQL database named by the {@code novacron.test.postgres.*} system
 * properties. Closing it deletes the files or drops the schema, so runs never see each other's rows.
 */
public final class TestDatabase implements AutoCloseable {

    /** System properties surefire fills from NOVACRON_TEST_PG_URL, _USER and _PASSWORD. */
    public static final String PG_URL = "novacron.test.postgres.url";
    public static final String PG_USER = "novacron.test.postgres.user";
    public static final String PG_PASSWORD = "novacron.test.postgres.password";
    /** Environment variable (or system property) that turns a missing PostgreSQL into a failure. */
    public static final String PG_REQUIRED = "NOVACRON_TEST_POSTGRES_REQUIRED";

    private final String kind;
    private final String url;
    private final String user;
    private final String password;
    private final DataSource dataSource;
    private final Runnable dropper;

    private TestDatabase(String kind, String url, String user, String password, DataSource dataSource,
                         Runnable dropper) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.password = password;
        this.dataSource = dataSource;
        this.dropper = dropper;
    }

    /**
     * A new H2 file database, as Liberty's default configuration uses (file mode, no compatibility
     * MODE). DB_CLOSE_DELAY=-1 keeps it open between connections, as Liberty's pool does: without a
     * pool, every close of the last connection closes the database, and under load H2 2.3.232 was
     * seen to reopen it at an older state, losing committed rows.
     */
    public static TestDatabase h2() {
        Path dir = Path.of(System.getProperty("basedir", "."), "target", "test-h2", UUID.randomUUID().toString());
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("novacron") + ";DB_CLOSE_DELAY=-1";
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        ds.setPassword("");
        return new TestDatabase("H2", url, "sa", "", ds, () -> {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                throw new IllegalStateException("could not shut H2 down", e);
            }
            deleteTree(dir);
        });
    }

    /**
     * A new schema in the configured PostgreSQL database. Without configuration the calling test
     * class is skipped, or fails when {@value #PG_REQUIRED} is {@code true}.
     */
    public static TestDatabase postgres() {
        String baseUrl = property(PG_URL);
        String user = property(PG_USER);
        String password = property(PG_PASSWORD);
        if (baseUrl == null || user == null || password == null) {
            String missing = "PostgreSQL not configured: set NOVACRON_TEST_PG_URL, NOVACRON_TEST_PG_USER and "
                    + "NOVACRON_TEST_PG_PASSWORD (eval \"$(scripts/postgres.sh)\" does) or system properties "
                    + PG_URL + ", " + PG_USER + ", " + PG_PASSWORD;
            if (postgresRequired()) {
                fail(missing + "; " + PG_REQUIRED + "=true makes this a failure");
            }
            Assumptions.abort(missing + "; PostgreSQL tests skipped");
        }
        String schema = "nc_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(baseUrl, user, password, "CREATE SCHEMA " + schema);
        String url = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(user);
        ds.setPassword(password);
        return new TestDatabase("PostgreSQL", url, user, password, ds,
                () -> execute(baseUrl, user, password, "DROP SCHEMA " + schema + " CASCADE"));
    }

    /** "H2" or "PostgreSQL", as {@link SchemaMigration} reports it. */
    public String kind() {
        return kind;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Properties that turn the JTA unit {@code novacron} of the production persistence.xml into a
     * RESOURCE_LOCAL one on this database, so tests run the real mapping without a container.
     */
    public Map<String, Object> jpaProperties() {
        Map<String, Object> p = new HashMap<>();
        p.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        p.put("jakarta.persistence.jtaDataSource", "");
        // A DataSource, as in Liberty. Not jdbc.url/user/password: EclipseLink takes a password that
        // looks like hex (scripts/postgres.sh makes one) for an encrypted one and fails to decrypt it.
        p.put("jakarta.persistence.nonJtaDataSource", dataSource);
        p.put("eclipselink.weaving", "false");
        p.put("eclipselink.logging.level", System.getProperty("novacron.test.jpa.log", "WARNING"));
        return p;
    }

    @Override
    public void close() {
        dropper.run();
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        // Surefire passes "${env.X}" through literally when the variable is unset.
        return value == null || value.isBlank() || value.startsWith("${") ? null : value.trim();
    }

    private static boolean postgresRequired() {
        String value = System.getenv(PG_REQUIRED);
        if (value == null) {
            value = System.getProperty(PG_REQUIRED);
        }
        return value != null && value.trim().toLowerCase(Locale.ROOT).equals("true");
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url + " as " + user + ": " + sql + " failed: "
                    + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
