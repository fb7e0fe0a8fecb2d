package io.novacron.it.cluster;

import io.novacron.it.ApiClient;
import io.novacron.it.NovaCronServer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three real servers on loopback agree through Raft over the embedded TCP transport and form one grid: a host
 * written through any member is applied on every member's own copy; kill -9 of the leader loses no acknowledged
 * write and another leader serves writes; the killed member restarts and catches up; one member alone cannot
 * commit and says so; leadership can be handed over.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RaftClusterIT {

    private static final Duration START_DEADLINE = Duration.ofMinutes(4);
    private static LocalCluster cluster;
    private static ClusterApi api;
    private static final List<String> acknowledged = new ArrayList<>();

    @BeforeAll
    static void startThreeServers() {
        cluster = new LocalCluster(3);
        api = new ClusterApi(cluster);
        cluster.startAllReady(Map.of(), START_DEADLINE);
    }

    @AfterAll
    static void stopServers() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aHostWrittenThroughAnyMemberIsAppliedOnEveryMembersCopy() {
        for (int node = 1; node <= 3; node++) {
            JsonObject system = api.system(node);
            assertEquals("node-" + node, system.getString("nodeId"));
            JsonObject grid = system.getJsonObject("grid");
            assertEquals(3, grid.getInt("nodes"), grid::toString);
            assertEquals(true, grid.getBoolean("active"), grid::toString);
            assertEquals(0, system.getJsonObject("cluster").getJsonArray("missingKeys").size(), system::toString);
        }
        api.awaitOneLeader(List.of(1, 2, 3));
        for (int node = 1; node <= 3; node++) {
            acknowledged.add(api.register(node));
        }
        api.awaitHostsOn(List.of(1, 2, 3), acknowledged);
        api.awaitSameHosts(List.of(1, 2, 3));
        for (int node = 1; node <= 3; node++) {
            JsonObject status = api.consensus(node);
            assertEquals(status.getJsonNumber("committed"), status.getJsonNumber("applied"), status::toString);
        }
    }

    @Test
    @Order(2)
    void killingTheLeaderLosesNoAcknowledgedWriteAndTheRestartedMemberCatchesUp() {
        int leader = api.awaitOneLeader(List.of(1, 2, 3));
        long term = api.consensus(leader).getJsonNumber("term").longValue();
        List<Integer> survivors = ClusterApi.allBut(3, leader);
        for (int i = 0; i < 10; i++) {
            acknowledged.add(api.register(survivors.get(i % 2)));
        }

        Instant killed = Instant.now();
        cluster.kill(leader);
        api.awaitFirstWrite(survivors.get(0), killed, acknowledged);
        int next = api.awaitOneLeader(survivors);
        assertNotEquals(leader, next);
        assertTrue(api.consensus(next).getJsonNumber("term").longValue() > term, "a later term");
        api.awaitHostsOn(survivors, acknowledged);

        acknowledged.add(api.register(survivors.get(1)));
        cluster.start(leader);
        cluster.awaitReady(leader, START_DEADLINE);
        api.awaitOneLeader(List.of(1, 2, 3));
        api.awaitHostsOn(List.of(leader), acknowledged);
        api.awaitSameHosts(List.of(1, 2, 3));
    }

    @Test
    @Order(3)
    void leadershipCanBeHandedToAnotherMember() {
        int leader = api.awaitOneLeader(List.of(1, 2, 3));
        int target = leader % 3 + 1;
        ApiClient.Reply notLeader = cluster.post(target, "/api/v1/consensus/leadership-transfer",
                "{\"target\":\"node-" + target + "\"}");
        assertEquals(409, notLeader.status(), notLeader::toString);

        ApiClient.Reply accepted = cluster.post(leader, "/api/v1/consensus/leadership-transfer",
                "{\"target\":\"node-" + target + "\"}");
        assertEquals(202, accepted.status(), accepted::toString);
        NovaCronServer.awaitCondition("node-" + target + " to lead", ClusterApi.DEADLINE,
                () -> api.awaitOneLeader(List.of(1, 2, 3)) == target);
        acknowledged.add(api.register(leader));
    }

    @Test
    @Order(4)
    void oneMemberAloneCannotCommitAndSaysSoUntilTheOthersReturn() {
        int alone = 1;
        cluster.kill(2);
        cluster.kill(3);
        NovaCronServer.awaitCondition("node-1 to answer a write with 503 no-quorum", ClusterApi.DEADLINE, () -> {
            ApiClient.Reply reply = api.tryRegister(alone);
            assertNotEquals(201, reply.status(), () -> "one member of three committed alone: " + reply);
            return reply.status() == 503 && reply.object().getString("type").endsWith("/no-quorum");
        });
        ApiClient.Reply refused = api.tryRegister(alone);
        assertEquals(503, refused.status(), refused::toString);
        System.out.println("a lone member answers: " + refused.object().getString("detail"));

        cluster.start(2);
        cluster.start(3);
        cluster.awaitReady(2, START_DEADLINE);
        cluster.awaitReady(3, START_DEADLINE);
        api.awaitFirstWrite(alone, Instant.now(), acknowledged);
        api.awaitHostsOn(List.of(1, 2, 3), acknowledged);
        api.awaitSameHosts(List.of(1, 2, 3));
    }
}
