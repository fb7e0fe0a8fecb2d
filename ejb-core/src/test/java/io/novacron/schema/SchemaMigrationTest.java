package io.novacron.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.ds.PGSimpleDataSource;

/** {@link SchemaMigration} when things go wrong; the happy path runs in the audit persistence suite. */
class SchemaMigrationTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"H2, H2", "PostgreSQL, PostgreSQL", "Oracle, Oracle"})
    void namesTheDatabaseKind(String productName, String kind) {
        assertEquals(kind, SchemaMigration.kindOf(productName));
    }

    @Test
    void unreachableDatabaseThrowsAndLaterRetrySucceeds() {
        ClassLoader loader = getClass().getClassLoader();
        DataSource[] current = {unreachable()};
        SchemaReadiness readiness = new SchemaReadiness(() -> new SchemaMigration(current[0], loader).migrate(),
                Duration.ZERO, System::nanoTime);

        assertThrows(SQLException.class, () -> new SchemaMigration(current[0], loader).migrate());
        assertFalse(readiness.attemptNow());
        assertTrue(readiness.failure().orElseThrow().contains("refused"), readiness.failure().orElseThrow());

        try (TestDatabase db = TestDatabase.h2()) {
            current[0] = db.dataSource(); // the database came up
            assertTrue(readiness.ensureMigrated());
            assertEquals("1", readiness.applied().orElseThrow().version());
        }
    }

    @Test
    void missingScriptsFailInsteadOfLeavingAnEmptySchema() throws SQLException {
        try (TestDatabase db = TestDatabase.h2()) {
            // A loader that cannot see novacron-sql, as when its jar is missing from the EAR.
            ClassLoader blind = new ClassLoader(getClass().getClassLoader()) {
                @Override
                public java.net.URL getResource(String name) {
                    return name.startsWith("db/migration") ? null : super.getResource(name);
                }

                @Override
                public java.util.Enumeration<java.net.URL> getResources(String name) throws java.io.IOException {
                    return name.startsWith("db/migration") ? java.util.Collections.emptyEnumeration()
                            : super.getResources(name);
                }
            };
            FlywayException e = assertThrows(FlywayException.class,
                    () -> new SchemaMigration(db.dataSource(), blind).migrate());
            assertTrue(e.getMessage().contains("db/migration"), e.getMessage());
            try (Connection c = db.dataSource().getConnection();
                 ResultSet tables = c.getMetaData().getTables(null, null, "AUDIT_RECORD", null)) {
                assertFalse(tables.next(), "no audit_record table without scripts");
            }
        }
    }

    private static DataSource unreachable() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {1}); // nothing listens on port 1
        ds.setDatabaseName("novacron");
        ds.setUser("novacron");
        ds.setConnectTimeout(2);
        return ds;
    }
}
