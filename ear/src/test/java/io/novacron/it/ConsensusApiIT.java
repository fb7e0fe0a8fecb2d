package io.novacron.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/** A single server is a one-member Raft group: it runs consensus and leads it; the status needs a role. */
class ConsensusApiIT {

    @Test
    void aSingleServerLeadsItsOneMemberGroup() {
        NovaCronServer.awaitCondition("the single member to elect itself", Duration.ofSeconds(30), () -> {
            JsonObject status = ApiClient.as(TestUser.AUDITOR).get("/api/v1/consensus").object();
            return "RUNNING".equals(status.getString("state")) && "LEADER".equals(status.getString("role"));
        });
        JsonObject status = ApiClient.as(TestUser.AUDITOR).get("/api/v1/consensus").object();
        assertEquals("raft", status.getString("protocol"));
        assertEquals("node-1", status.getString("leader"));
        assertEquals(1, status.getJsonArray("members").size());
        assertEquals(true, status.getJsonArray("members").getJsonObject(0).getBoolean("self"));
    }

    @Test
    void theStatusIsNotForAnonymousCallers() {
        assertEquals(401, ApiClient.anonymous().get("/api/v1/consensus").status());
    }
}
