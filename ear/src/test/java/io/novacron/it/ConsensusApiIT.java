package io.novacron.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A single server is a one-member Raft group: it runs consensus and leads it, every host write is a committed log
 * entry whose position the audit record names, and leadership transfer is refused with a reason.
 */
class ConsensusApiIT {

    private final ApiClient admin = ApiClient.as(TestUser.ADMIN);

    @BeforeEach
    void awaitLeadership() {
        NovaCronServer.awaitCondition("the single member to elect itself", Duration.ofSeconds(60), () -> {
            JsonObject status = ApiClient.as(TestUser.AUDITOR).get("/api/v1/consensus").object();
            return "RUNNING".equals(status.getString("state")) && "LEADER".equals(status.getString("role", ""));
        });
    }

    @Test
    void aSingleServerLeadsItsOneMemberGroup() {
        JsonObject status = ApiClient.as(TestUser.AUDITOR).get("/api/v1/consensus").object();
        assertEquals("raft", status.getString("protocol"));
        assertEquals("node-1", status.getString("leader"));
        assertEquals(1, status.getJsonArray("members").size());
        assertEquals(true, status.getJsonArray("members").getJsonObject(0).getBoolean("self"));
    }

    @Test
    void aHostWriteIsACommittedLogEntryAndItsAuditRecordNamesThePosition() {
        long before = admin.get("/api/v1/consensus").object().getJsonNumber("committed").longValue();
        String name = Hosts.uniqueName();
        ApiClient.Reply created = admin.post("/api/v1/hosts", Hosts.spec(name, 16));
        assertEquals(201, created.status(), created::toString);

        JsonObject after = admin.get("/api/v1/consensus").object();
        assertTrue(after.getJsonNumber("committed").longValue() > before, after::toString);
        assertTrue(after.getJsonNumber("applied").longValue() > before, after::toString);

        JsonObject record = admin.get("/api/v1/audit?target=" + created.object().getString("id")).object()
                .getJsonArray("items").getJsonObject(0);
        long position = record.getJsonNumber("logIndex").longValue();
        assertTrue(position > before && position <= after.getJsonNumber("committed").longValue(), record::toString);
        assertTrue(!record.containsKey("certificate"), "Raft has no quorum certificate: " + record);
    }

    @Test
    void aRefusedWriteIsAppliedAsARefusalAndAuditedWithItsPosition() {
        String name = Hosts.uniqueName();
        assertEquals(201, admin.post("/api/v1/hosts", Hosts.spec(name, 16)).status());
        ApiClient.Reply duplicate = admin.post("/api/v1/hosts", Hosts.spec(name, 8));
        assertEquals(409, duplicate.status(), duplicate::toString);

        JsonObject rejected = admin.get("/api/v1/audit?target=" + name + "&outcome=REJECTED").object()
                .getJsonArray("items").getJsonObject(0);
        assertTrue(rejected.getJsonNumber("logIndex").longValue() > 0, rejected::toString);
    }

    @Test
    void leadershipTransferIsRefusedWithAReasonWhenThereIsNoOneToHandTo() {
        ApiClient.Reply toSelf = admin.post("/api/v1/consensus/leadership-transfer", "{\"target\":\"node-1\"}");
        assertEquals(409, toSelf.status(), toSelf::toString);
        assertTrue(toSelf.object().getString("detail").contains("already leads"), toSelf::toString);

        ApiClient.Reply unknown = admin.post("/api/v1/consensus/leadership-transfer", "{\"target\":\"node-9\"}");
        assertEquals(400, unknown.status(), unknown::toString);

        ApiClient.Reply operator = ApiClient.as(TestUser.OPERATOR).post("/api/v1/consensus/leadership-transfer",
                "{\"target\":\"node-1\"}");
        assertEquals(403, operator.status(), operator::toString);
    }

    @Test
    void theStatusIsNotForAnonymousCallers() {
        assertEquals(401, ApiClient.anonymous().get("/api/v1/consensus").status());
    }
}
