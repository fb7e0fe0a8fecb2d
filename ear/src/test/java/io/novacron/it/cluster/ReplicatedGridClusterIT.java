package io.novacron.it.cluster;

import io.novacron.it.ApiClient;
import io.novacron.it.Hosts;
import io.novacron.it.NovaCronServer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three servers on loopback form one control plane: one grid whose baseline is the three members, every member
 * holding every host, and a member killed with kill -9 rejoins with its own files and catches up.
 * The members also run Raft over the embedded TCP transport and elect one leader, and another when it is killed.
 * (Host writes still go straight to the grid until they are proposed through consensus.)
 */
class ReplicatedGridClusterIT {

    private static final Duration START_DEADLINE = Duration.ofMinutes(4);
    private static final Duration GRID_DEADLINE = Duration.ofSeconds(60);
    private static LocalCluster cluster;

    @BeforeAll
    static void startThreeServers() {
        Instant started = Instant.now();
        cluster = new LocalCluster(3);
        cluster.startAll();
        cluster.exchangeKeys(START_DEADLINE);
        for (int node = 1; node <= cluster.size(); node++) {
            cluster.awaitReady(node, START_DEADLINE);
        }
        System.out.printf("NovaCron test cluster of %d ready in %d ms%n", cluster.size(),
                Duration.between(started, Instant.now()).toMillis());
    }

    @AfterAll
    static void stopServers() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aHostWrittenThroughOneMemberIsStoredOnEveryMemberAndSurvivesAKilledMember() {
        for (int node = 1; node <= 3; node++) {
            JsonObject system = system(node);
            assertEquals("node-" + node, system.getString("nodeId"));
            JsonObject grid = system.getJsonObject("grid");
            assertEquals(3, grid.getInt("nodes"), grid::toString);
            assertEquals(3, grid.getInt("baselineNodes"), grid::toString);
            assertEquals(true, grid.getBoolean("active"), grid::toString);
            JsonObject members = system.getJsonObject("cluster");
            assertEquals("[\"node-1\",\"node-2\",\"node-3\"]", members.getJsonArray("members").toString());
            assertEquals(0, members.getJsonArray("missingKeys").size(), members::toString);
        }

        String first = register(1);
        for (int node = 2; node <= 3; node++) {
            assertHostOn(node, first);
        }
        awaitLocalHosts(3, 1);

        cluster.kill(3);
        int node1 = 1;
        NovaCronServer.awaitCondition("node-1 to see the grid without node-3", GRID_DEADLINE,
                () -> system(node1).getJsonObject("grid").getInt("nodes") == 2);
        String whileDown = register(2);

        cluster.start(3);
        cluster.awaitReady(3, START_DEADLINE);
        assertHostOn(3, first);
        assertHostOn(3, whileDown);
        awaitLocalHosts(3, 2);
        JsonObject grid = system(3).getJsonObject("grid");
        assertEquals(3, grid.getInt("nodes"), grid::toString);
        assertEquals(3, grid.getInt("baselineNodes"), grid::toString);
    }

    @Test
    void theMembersElectOneLeaderOverTheTransportAndAnotherWhenItIsKilled() {
        String leader = awaitOneLeader(List.of(1, 2, 3));
        long term = consensus(1).getJsonNumber("term").longValue();
        int leaderNode = Integer.parseInt(leader.substring("node-".length()));
        cluster.kill(leaderNode);
        List<Integer> survivors = new java.util.ArrayList<>(List.of(1, 2, 3));
        survivors.remove(Integer.valueOf(leaderNode));
        String next = awaitOneLeader(survivors);
        assertTrue(!next.equals(leader), "a new leader among the two left: " + next);
        assertTrue(consensus(survivors.get(0)).getJsonNumber("term").longValue() > term, "in a later term");
        cluster.start(leaderNode);
        cluster.awaitReady(leaderNode, START_DEADLINE);
        awaitOneLeader(List.of(1, 2, 3)); // the restarted member follows the current leader
    }

    /** Waits until every listed member runs consensus and names the same leader in the same term. */
    private static String awaitOneLeader(List<Integer> nodes) {
        String[] agreed = new String[1];
        NovaCronServer.awaitCondition("members " + nodes + " to agree on one leader", GRID_DEADLINE, () -> {
            java.util.Set<String> leaders = new java.util.HashSet<>();
            java.util.Set<Long> terms = new java.util.HashSet<>();
            for (int node : nodes) {
                JsonObject status = consensus(node);
                // JSON-B leaves out a null leader.
                if (!"RUNNING".equals(status.getString("state")) || !status.containsKey("leader")) {
                    return false;
                }
                leaders.add(status.getString("leader"));
                terms.add(status.getJsonNumber("term").longValue());
            }
            agreed[0] = leaders.iterator().next();
            return leaders.size() == 1 && terms.size() == 1;
        });
        return agreed[0];
    }

    private static JsonObject consensus(int node) {
        ApiClient.Reply reply = cluster.get(node, "/api/v1/consensus");
        assertEquals(200, reply.status(), reply::toString);
        return reply.object();
    }

    private static String register(int node) {
        ApiClient.Reply created = cluster.post(node, "/api/v1/hosts", Hosts.spec(Hosts.uniqueName(), 32));
        assertEquals(201, created.status(), created::toString);
        return created.object().getString("id");
    }

    private static void assertHostOn(int node, String id) {
        ApiClient.Reply read = cluster.get(node, "/api/v1/hosts/" + id);
        assertEquals(200, read.status(), () -> "node-" + node + ": " + read);
        assertEquals(id, read.object().getString("id"));
    }

    /** With REPLICATED caches on a baseline of all members, the node stores every host itself. */
    private static void awaitLocalHosts(int node, int hosts) {
        NovaCronServer.awaitCondition("node-" + node + " to store " + hosts + " host(s) locally", GRID_DEADLINE,
                () -> system(node).getJsonObject("grid").getInt("localHostCount") == hosts);
    }

    private static JsonObject system(int node) {
        ApiClient.Reply reply = cluster.get(node, "/api/v1/system");
        assertEquals(200, reply.status(), () -> "node-" + node + ": " + reply);
        return reply.object();
    }
}
