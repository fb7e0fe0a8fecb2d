package io.novacron.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health, metrics, OpenAPI and the system overview, as monitoring and integrators see them. */
class ObservabilityApiIT {

    @Test
    void readinessCoversDatabaseSchemaGridAndClusterKeys() {
        ApiClient.Reply ready = ApiClient.anonymous().get("/health/ready");
        assertEquals(200, ready.status(), ready::toString);
        JsonObject health = ready.object();
        assertEquals("UP", health.getString("status"));
        Set<String> checks = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("name")).collect(Collectors.toSet());
        assertEquals(Set.of("database", "schema", "grid", "cluster-keys"), checks);
        assertEquals("UP", ApiClient.anonymous().get("/health/live").object().getString("status"));
    }

    @Test
    void metricsCountRequestsByEndpointAndStatus() {
        ApiClient.as(TestUser.ADMIN).get("/api/v1/hosts/no-such-host");
        String metrics = ApiClient.anonymous().get("/metrics?scope=application").body();
        assertTrue(metrics.contains("novacron_api_requests_total{endpoint=\"GET /api/v1/hosts/{id}\",mp_scope=\"application\",status=\"404\",}"),
                metrics);
        assertTrue(metrics.contains("novacron_api_request_duration_seconds_count{endpoint=\"GET /api/v1/hosts/{id}\""));
        assertTrue(metrics.contains("novacron_grid_hosts{"), metrics);
        assertTrue(metrics.contains("novacron_audit_records_written_total{"), metrics);
    }

    @Test
    void consensusMetricsCountProposalsCommitsAndTheirLatency() {
        assertEquals(201, ApiClient.as(TestUser.ADMIN).post("/api/v1/hosts", Hosts.spec(Hosts.uniqueName(), 4))
                .status());
        String metrics = ApiClient.anonymous().get("/metrics?scope=application").body();
        for (String series : new String[] {"novacron_consensus_proposals_total{", "novacron_consensus_commits_total{",
                "novacron_consensus_commit_latency_seconds_count{", "novacron_consensus_elections_total{",
                "novacron_consensus_leader_changes_total{"}) {
            assertTrue(metrics.contains(series), () -> series + " missing from\n" + metrics);
        }
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("novacron_consensus_proposals_total{")
                && !line.endsWith(" 0.0")), "at least one proposal counted");
    }

    @Test
    void openApiDescribesEveryEndpointWithExamples() {
        String openapi = ApiClient.anonymous().get("/openapi").body();
        for (String path : new String[] {"/api/v1/hosts:", "/api/v1/hosts/{id}:", "/api/v1/audit:",
                "/api/v1/system:", "/api/v1/me:"}) {
            assertTrue(openapi.contains(path), () -> path + " missing from\n" + openapi);
        }
        assertTrue(openapi.contains("examples:"), openapi);
        assertTrue(openapi.contains("application/problem+json"), openapi);
    }

    @Test
    void theAdminUiIsServedWithSecurityHeadersAndNoSessionCookie() {
        ApiClient.Reply page = ApiClient.anonymous().get("/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("NovaCron"));
        assertTrue(page.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        ApiClient.Reply api = ApiClient.as(TestUser.ADMIN).get("/api/v1/me");
        assertEquals("no-store", api.header("Cache-Control"));
        assertEquals(null, api.header("Set-Cookie"), "the API is stateless: no LTPA or session cookie");
    }

    @Test
    void theSystemOverviewNamesDatabaseAndGrid() {
        JsonObject system = ApiClient.as(TestUser.AUDITOR).get("/api/v1/system").object();
        String expectedKind = "postgresql".equals(NovaCronServer.shared().database()) ? "PostgreSQL" : "H2";
        assertEquals(expectedKind, system.getJsonObject("database").getString("kind"));
        assertTrue(system.getJsonObject("database").getBoolean("migrated"));
        assertTrue(system.getJsonObject("grid").getBoolean("active"));
        assertEquals(1, system.getJsonObject("grid").getInt("nodes"));
        assertEquals(1, system.getJsonObject("grid").getInt("baselineNodes"));
    }

    @Test
    void theSingleServerIsAOneMemberRaftClusterWithItsOwnKey() {
        JsonObject cluster = ApiClient.as(TestUser.AUDITOR).get("/api/v1/system").object().getJsonObject("cluster");
        assertEquals("raft", cluster.getString("protocol"));
        assertEquals("[\"node-1\"]", cluster.getJsonArray("members").toString());
        assertEquals(0, cluster.getJsonArray("missingKeys").size());
        java.nio.file.Path data = NovaCronServer.shared().dataDirectory();
        assertTrue(java.nio.file.Files.isRegularFile(data.resolve("cluster/node.key")));
        assertTrue(java.nio.file.Files.isRegularFile(data.resolve("cluster/node.pub")));
    }
}
