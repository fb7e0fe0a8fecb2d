package io.novacron.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static io.novacron.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A database outage: writes are refused with 503, readiness goes DOWN, nothing is half-written (the
 * grid does not keep a host whose audit record failed), and service resumes when the database returns.
 * Runs in the PostgreSQL pass, where the test can lock the application's role out of a real server.
 */
class DatabaseOutageApiIT {

    private final ApiClient admin = ApiClient.as(TestUser.ADMIN);

    @Test
    void writesFailCleanlyWhileTheDatabaseIsUnreachableAndResumeAfterwards() throws Exception {
        NovaCronServer server = NovaCronServer.shared();
        assumeTrue("postgresql".equals(server.database()), "needs the PostgreSQL pass");
        String role = System.getProperty("novacron.test.postgres.user");
        String name = Hosts.uniqueName();
        try {
            superuserSql("ALTER ROLE " + role + " NOLOGIN; SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE usename = '" + role + "';");
            NovaCronServer.awaitCondition("readiness to go DOWN", Duration.ofSeconds(60),
                    () -> ApiClient.anonymous().get("/health/ready").status() == 503);
            JsonObject health = ApiClient.anonymous().get("/health/ready").object();
            assertEquals("DOWN", health.getString("status"));

            assertProblem(admin.post("/api/v1/hosts", Hosts.spec(name, 8)), 503, "database-unavailable");
        } finally {
            superuserSql("ALTER ROLE " + role + " LOGIN;");
        }
        NovaCronServer.awaitCondition("readiness to come back UP", Duration.ofSeconds(60),
                () -> ApiClient.anonymous().get("/health/ready").status() == 200);

        assertTrue(admin.get("/api/v1/hosts").array().getValuesAs(JsonObject.class).stream()
                .noneMatch(h -> h.getString("name").equals(name)), "the refused host must not be in the grid");
        assertEquals(0, admin.get("/api/v1/audit?target=" + name).object().getInt("total"));
        assertEquals(201, admin.post("/api/v1/hosts", Hosts.spec(name, 8)).status(), "writes resume");
    }

    /** Runs SQL as the PostgreSQL superuser through the local socket, as the test scripts do. */
    private static void superuserSql(String sql) throws IOException, InterruptedException {
        Process psql = new ProcessBuilder("su", "postgres", "-c", "psql -v ON_ERROR_STOP=1 -qAt -c \"" + sql + "\"")
                .redirectErrorStream(true).start();
        String output = new String(psql.getInputStream().readAllBytes());
        assertEquals(0, psql.waitFor(), () -> "psql failed: " + output);
    }
}
