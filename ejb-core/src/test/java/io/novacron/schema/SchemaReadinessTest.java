package io.novacron.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The start-without-database contract of {@link SchemaMigrator}, driven by a fake clock. */
class SchemaReadinessTest {

    private static final AppliedSchema APPLIED = new AppliedSchema("1", 1, "H2", "H2 2.3.232");
    private static final long SECOND_NANOS = 1_000_000_000L;

    private long nowNanos = 123 * SECOND_NANOS;
    private int attempts;
    private final Deque<Object> outcomes = new ArrayDeque<>();

    private final SchemaReadiness readiness = new SchemaReadiness(() -> {
        attempts++;
        Object next = outcomes.removeFirst();
        if (next instanceof Exception e) {
            throw e;
        }
        return (AppliedSchema) next;
    }, Duration.ofSeconds(5), () -> nowNanos);

    @Test
    void keepsTheFailureAndRetriesAtMostOncePerInterval() {
        outcomes.add(new SQLException("Connection to 127.0.0.1:5432 refused."));
        outcomes.add(new SQLException("still refused"));
        outcomes.add(APPLIED);

        assertFalse(readiness.attemptNow());
        assertFalse(readiness.isMigrated());
        assertEquals(Optional.of("SQLException: Connection to 127.0.0.1:5432 refused."), readiness.failure());

        nowNanos += 4 * SECOND_NANOS;
        assertFalse(readiness.ensureMigrated(), "within the interval");
        assertEquals(1, attempts, "no attempt within the interval");

        nowNanos += SECOND_NANOS;
        assertFalse(readiness.ensureMigrated());
        assertEquals(2, attempts);
        assertEquals(Optional.of("SQLException: still refused"), readiness.failure());

        nowNanos += 5 * SECOND_NANOS;
        assertTrue(readiness.ensureMigrated());
        assertEquals(3, attempts);
        assertTrue(readiness.isMigrated());
        assertEquals(Optional.of(APPLIED), readiness.applied());
        assertEquals(Optional.empty(), readiness.failure());

        assertTrue(readiness.ensureMigrated());
        assertTrue(readiness.attemptNow());
        assertEquals(3, attempts, "never migrates again once migrated");
    }

    @Test
    void firstCheckAttemptsAtOnce() {
        outcomes.add(APPLIED);
        assertEquals(Optional.empty(), readiness.failure());
        assertTrue(readiness.ensureMigrated());
        assertEquals(1, attempts);
    }

    @Test
    void linkageErrorsAreFailuresToo() {
        outcomes.add(APPLIED);
        SchemaReadiness broken = new SchemaReadiness(() -> {
            throw new NoClassDefFoundError("org/flywaydb/database/postgresql/PostgreSQLDatabaseType");
        }, Duration.ofSeconds(5), () -> nowNanos);
        assertFalse(broken.attemptNow());
        assertTrue(broken.failure().orElseThrow().startsWith("NoClassDefFoundError: "));
    }

    @Test
    void failureIsOneLineWithTheRootCause() {
        Exception e = new IllegalStateException("Unable to obtain connection\nfrom database\n\tSQL State: 08001",
                new RuntimeException("wrapper", new java.net.ConnectException("Connection refused")));
        assertEquals("IllegalStateException: Unable to obtain connection from database SQL State: 08001"
                + " (cause: ConnectException: Connection refused)", SchemaReadiness.oneLine(e));
        assertEquals(500, SchemaReadiness.oneLine(new SQLException("x".repeat(2000))).length());
    }
}
