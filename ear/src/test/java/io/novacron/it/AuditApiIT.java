package io.novacron.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static io.novacron.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every change leaves an audit record, and only admins and auditors read the trail. */
class AuditApiIT {

    private final ApiClient operator = ApiClient.as(TestUser.OPERATOR);
    private final ApiClient auditor = ApiClient.as(TestUser.AUDITOR);

    @Test
    void aRegistrationAndARejectedDuplicateAreBothRecorded() {
        String name = Hosts.uniqueName();
        String id = operator.post("/api/v1/hosts", Hosts.spec(name, 8)).object().getString("id");
        assertEquals(409, operator.post("/api/v1/hosts", Hosts.spec(name, 8)).status());

        List<JsonObject> mine = records("actor=olivia&target=" + id);
        assertEquals(1, mine.size(), mine::toString);
        JsonObject registered = mine.get(0);
        assertEquals("host.register", registered.getString("action"));
        assertEquals("host", registered.getString("targetType"));
        assertEquals("SUCCESS", registered.getString("outcome"));
        assertTrue(registered.getString("afterDigest").matches("sha256:[0-9a-f]{64}"), registered::toString);
        assertNull(registered.get("beforeDigest"));

        List<JsonObject> rejected = records("actor=olivia&outcome=REJECTED&target=" + name);
        assertEquals(1, rejected.size(), rejected::toString);
        assertEquals("host.register", rejected.get(0).getString("action"));
    }

    @Test
    void anUpdateRecordsDigestsOfBeforeAndAfterThatChain() {
        String name = Hosts.uniqueName();
        String id = operator.post("/api/v1/hosts", Hosts.spec(name, 8)).object().getString("id");
        operator.put("/api/v1/hosts/" + id, Hosts.spec(name, 12));
        operator.delete("/api/v1/hosts/" + id);

        List<JsonObject> history = records("target=" + id);
        assertEquals(List.of("host.remove", "host.update", "host.register"),
                history.stream().map(r -> r.getString("action")).toList(), "newest first");
        assertEquals(history.get(2).getString("afterDigest"), history.get(1).getString("beforeDigest"));
        assertEquals(history.get(1).getString("afterDigest"), history.get(0).getString("beforeDigest"));
        assertNull(history.get(0).get("afterDigest"));
    }

    @Test
    void pagesAndTimeFilters() {
        Instant start = Instant.now().minusSeconds(1);
        for (int i = 0; i < 3; i++) {
            operator.post("/api/v1/hosts", Hosts.spec(Hosts.uniqueName(), 8));
        }
        String window = "from=" + URLEncoder.encode(start.toString(), StandardCharsets.UTF_8) + "&actor=olivia";
        JsonObject first = auditor.get("/api/v1/audit?size=2&page=0&" + window).object();
        assertTrue(first.getInt("total") >= 3, first::toString);
        assertEquals(2, first.getJsonArray("items").size());
        JsonObject past = auditor.get("/api/v1/audit?to=" + URLEncoder.encode(start.minusSeconds(3600).toString(),
                StandardCharsets.UTF_8)).object();
        assertEquals(0, past.getInt("total"));
    }

    @Test
    void onlyAdminsAndAuditorsReadTheTrail() {
        assertEquals(200, ApiClient.as(TestUser.ADMIN).get("/api/v1/audit").status());
        assertEquals(200, auditor.get("/api/v1/audit").status());
        assertProblem(operator.get("/api/v1/audit"), 403, "forbidden");
        assertProblem(ApiClient.anonymous().get("/api/v1/audit"), 401, "unauthorized");
    }

    @Test
    void badParametersAreNamed() {
        JsonObject problem = assertProblem(auditor.get("/api/v1/audit?size=100000"), 400, "invalid-parameter");
        assertEquals("size", problem.getJsonArray("errors").getJsonObject(0).getString("field"));
        assertProblem(auditor.get("/api/v1/audit?from=yesterday"), 400, "invalid-parameter");
        assertProblem(auditor.get("/api/v1/audit?outcome=MAYBE"), 400, "invalid-parameter");
    }

    private List<JsonObject> records(String query) {
        ApiClient.Reply reply = auditor.get("/api/v1/audit?size=50&" + query);
        assertEquals(200, reply.status(), reply::toString);
        return reply.object().getJsonArray("items").getValuesAs(JsonObject.class);
    }
}
