package io.novacron.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PreflightTest {

    @Test
    void rolesOfTheSignedInUser() throws Exception {
        assertEquals(List.of("admin"), Preflight.roles("{\"name\":\"admin\",\"roles\":[\"admin\"]}"));
        assertEquals(List.of(), Preflight.roles("{\"name\":\"nobody\"}"));
    }

    @Test
    void consensusViewOfARaftLeader() throws Exception {
        // The api-guide.md example of GET /api/v1/consensus, shortened.
        String json = "{\"protocol\":\"raft\",\"state\":\"RUNNING\",\"nodeId\":\"node-1\",\"role\":\"LEADER\","
            + "\"term\":3,\"leader\":\"node-1\",\"committed\":1,\"applied\":1,\"members\":[]}";
        assertEquals(new Preflight.ConsensusView("RUNNING", "LEADER", 3), Preflight.consensusView(json));
    }

    @Test
    void consensusViewOfAnEngineThatDidNotStart() throws Exception {
        String json = "{\"protocol\":\"pbft\",\"state\":\"NOT_STARTED\",\"nodeId\":\"node-2\",\"term\":0,"
            + "\"committed\":-1,\"applied\":-1,\"members\":[],\"problem\":\"not wired\"}";
        assertEquals(new Preflight.ConsensusView("NOT_STARTED", "?", 0), Preflight.consensusView(json));
    }

    @Test
    void anAnswerThatIsNotJsonIsAOneLineFailure() {
        LoadFailure e = assertThrows(LoadFailure.class, () -> Preflight.roles("<html>proxy error</html>"));
        assertEquals("the answer of /api/v1/me is not a JSON object", e.getMessage());
    }
}
