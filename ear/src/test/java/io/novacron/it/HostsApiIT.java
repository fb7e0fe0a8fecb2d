package io.novacron.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.novacron.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host inventory API end to end, on a started server. */
class HostsApiIT {

    private final ApiClient admin = ApiClient.as(TestUser.ADMIN);

    @Test
    void registersReadsChangesAndRemovesAHost() {
        String name = Hosts.uniqueName();
        ApiClient.Reply created = admin.post("/api/v1/hosts", Hosts.spec(name, 64));
        assertEquals(201, created.status(), created::toString);
        JsonObject host = created.object();
        String id = host.getString("id");
        assertNotNull(created.location());
        assertTrue(created.location().endsWith("/api/v1/hosts/" + id), created.location());
        assertEquals(name, host.getString("name"));
        assertEquals("ACTIVE", host.getString("state"));
        assertEquals(1, host.getInt("version"));
        assertEquals("r1", host.getJsonObject("labels").getString("rack"));

        ApiClient.Reply read = admin.get("/api/v1/hosts/" + id);
        assertEquals(200, read.status());
        assertEquals(host, read.object());
        assertTrue(admin.get("/api/v1/hosts").array().getValuesAs(JsonObject.class).stream()
                .anyMatch(h -> h.getString("id").equals(id)));

        ApiClient.Reply changed = admin.put("/api/v1/hosts/" + id, Hosts.spec(name, 96));
        assertEquals(200, changed.status(), changed::toString);
        assertEquals(96, changed.object().getInt("vcpus"));
        assertEquals(2, changed.object().getInt("version"));

        assertEquals(204, admin.delete("/api/v1/hosts/" + id).status());
        assertProblem(admin.get("/api/v1/hosts/" + id), 404, "not-found");
    }

    @Test
    void aDuplicateNameIsAConflictAndWritesNothing() {
        String name = Hosts.uniqueName();
        assertEquals(201, admin.post("/api/v1/hosts", Hosts.spec(name, 8)).status());
        int before = admin.get("/api/v1/hosts").array().size();

        assertProblem(admin.post("/api/v1/hosts", Hosts.spec(name, 16)), 409, "duplicate-name");
        assertEquals(before, admin.get("/api/v1/hosts").array().size());
    }

    @Test
    void renamingOntoAnotherHostsNameIsAConflict() {
        String first = Hosts.uniqueName();
        String second = Hosts.uniqueName();
        admin.post("/api/v1/hosts", Hosts.spec(first, 8));
        String secondId = admin.post("/api/v1/hosts", Hosts.spec(second, 8)).object().getString("id");

        assertProblem(admin.put("/api/v1/hosts/" + secondId, Hosts.spec(first, 8)), 409, "duplicate-name");
        assertEquals(second, admin.get("/api/v1/hosts/" + secondId).object().getString("name"));
    }

    @Test
    void ifMatchRefusesAChangeBasedOnAStaleVersion() {
        String name = Hosts.uniqueName();
        String id = admin.post("/api/v1/hosts", Hosts.spec(name, 8)).object().getString("id");
        ApiClient.Reply read = admin.get("/api/v1/hosts/" + id);
        assertEquals("\"1\"", read.header("ETag"));

        ApiClient.Reply first = admin.send("PUT", "/api/v1/hosts/" + id, Hosts.spec(name, 16), "application/json",
                "If-Match", "\"1\"");
        assertEquals(200, first.status(), first::toString);
        assertEquals("\"2\"", first.header("ETag"));
        assertProblem(admin.send("PUT", "/api/v1/hosts/" + id, Hosts.spec(name, 32), "application/json",
                "If-Match", "\"1\""), 412, "version-conflict");
        assertEquals(16, admin.get("/api/v1/hosts/" + id).object().getInt("vcpus"));
        assertProblem(admin.send("PUT", "/api/v1/hosts/" + id, Hosts.spec(name, 32), "application/json",
                "If-Match", "yesterday"), 400, "invalid-parameter");
    }

    @Test
    void invalidFieldsAreEachNamed() {
        JsonObject problem = assertProblem(admin.post("/api/v1/hosts",
                "{\"name\":\"Bad Name\",\"region\":\"eu-west\",\"site\":\"dc-1\",\"address\":\"300.1.1.1\","
                        + "\"vcpus\":0,\"memoryMib\":262144}"), 400, "validation");
        List<String> fields = problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("field")).toList();
        assertEquals(List.of("name", "address", "vcpus"), fields);
    }

    @Test
    void malformedJsonIsABadRequest() {
        assertProblem(admin.post("/api/v1/hosts", "{\"name\": "), 400, "malformed-request");
        assertProblem(admin.post("/api/v1/hosts", "{\"vcpus\": \"many\"}"), 400, "malformed-request");
    }

    @Test
    void unknownIdsAreNotFound() {
        assertProblem(admin.get("/api/v1/hosts/no-such-host"), 404, "not-found");
        assertProblem(admin.put("/api/v1/hosts/no-such-host", Hosts.spec(Hosts.uniqueName(), 8)), 404, "not-found");
        assertProblem(admin.delete("/api/v1/hosts/no-such-host"), 404, "not-found");
    }

    @Test
    void anOperatorWritesAndAnAuditorOnlyReads() {
        ApiClient.Reply byOperator = ApiClient.as(TestUser.OPERATOR).post("/api/v1/hosts", Hosts.spec(Hosts.uniqueName(), 8));
        assertEquals(201, byOperator.status(), byOperator::toString);

        ApiClient auditor = ApiClient.as(TestUser.AUDITOR);
        assertEquals(200, auditor.get("/api/v1/hosts").status());
        assertProblem(auditor.post("/api/v1/hosts", Hosts.spec(Hosts.uniqueName(), 8)), 403, "forbidden");
        assertProblem(auditor.delete("/api/v1/hosts/" + byOperator.object().getString("id")), 403, "forbidden");
    }

    @Test
    void noOrWrongCredentialsAreUnauthorizedAndNoRoleIsForbidden() {
        assertProblem(ApiClient.anonymous().get("/api/v1/hosts"), 401, "unauthorized");
        assertProblem(ApiClient.withWrongPassword(TestUser.ADMIN, "/api/v1/hosts"), 401, "unauthorized");
        assertProblem(ApiClient.as(TestUser.STRANGER).get("/api/v1/hosts"), 403, "forbidden");
    }
}
