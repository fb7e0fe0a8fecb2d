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
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Four real servers on loopback agree through PBFT (f = 1), each with a grid of its own. node-1, the primary of
 * view 0, equivocates from the start (fault injection, tests only): the other three move to another view and keep
 * agreeing, and no member applies anything the others do not. Then kill -9 of the primary (a view change) loses no
 * acknowledged write and the killed member catches up; a member corrupting every frame it sends does not stop the
 * rest; two members alone cannot commit and say so.
 * <p>
 * Its first runs failed twice over: a backup the primary had deceived waited for a checkpoint a quiet cluster never
 * reached, and a member that lost the commits of a batch started a view change nobody joined. {@code PbftReplica}
 * now fetches a batch 2f+1 others committed and asks for its next batch before suspecting the primary
 * ({@code PbftLossyLinksTest} reproduces the second in-process). A later run failed when the restarted primary,
 * still in its old view, suspected alone before its connections were back and ran to view 13; its view-change timer
 * now waits for 2f+1 others (Castro–Liskov §4.5.2) and the others answer an outdated VIEW-CHANGE with their NEW-VIEW
 * ({@code PbftFaultInjectionTest} reproduces it in-process).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PbftClusterIT {

    private static final Duration START_DEADLINE = Duration.ofMinutes(5);
    private static final Map<String, String> EQUIVOCATE = Map.of("NOVACRON_TEST_FAULTS_EQUIVOCATE", "true",
            "NOVACRON_TEST_FAULTS_TEST_ONLY", "true");
    private static final Map<String, String> CORRUPT_EVERY_FRAME = Map.of("NOVACRON_TEST_FAULTS_CORRUPT_RATE", "1",
            "NOVACRON_TEST_FAULTS_TEST_ONLY", "true");
    private static LocalCluster cluster;
    private static ClusterApi api;
    private static final List<String> acknowledged = new ArrayList<>();

    @BeforeAll
    static void startFourServersWithAnEquivocatingPrimary() {
        cluster = new LocalCluster(4, "pbft");
        api = new ClusterApi(cluster);
        cluster.startAllReady(Map.of(1, EQUIVOCATE), START_DEADLINE);
    }

    @AfterAll
    static void stopServers() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void theHonestMembersAgreeDespiteAnEquivocatingPrimaryAndEveryCopyMatches() {
        assertTrue(cluster.logContains(1, "FAULT INJECTION IS ON"), "node-1 says loudly that it equivocates");
        for (int node = 1; node <= 4; node++) {
            JsonObject grid = api.system(node).getJsonObject("grid");
            assertEquals(1, grid.getInt("nodes"), () -> "a PBFT member's grid is its own: " + grid);
        }
        // The first write may meet the equivocation and wait out a view change: retry until one is acknowledged.
        api.awaitFirstWrite(2, Instant.now(), acknowledged);
        acknowledged.add(api.register(3));
        acknowledged.add(api.register(4));
        api.awaitHostsOn(List.of(2, 3, 4), acknowledged);
        api.awaitSameHosts(List.of(1, 2, 3, 4));
        int primary = api.awaitOneLeader(List.of(2, 3, 4));
        assertNotEquals(1, primary, "the backups left the equivocating primary's view");

        JsonObject record = cluster.get(2, "/api/v1/audit?target=" + acknowledged.get(0)).object()
                .getJsonArray("items").getJsonObject(0);
        assertTrue(record.getJsonNumber("logIndex").longValue() > 0, record::toString);
        byte[] certificate = Base64.getDecoder().decode(record.getString("certificate"));
        assertTrue(certificate.length >= 3 * 64, "a quorum certificate carries 2f + 1 = 3 signatures: " + record);
    }

    @Test
    @Order(2)
    void killingThePrimaryChangesTheViewLosesNoAcknowledgedWriteAndTheKilledMemberCatchesUp() {
        int primary = api.awaitOneLeader(List.of(2, 3, 4));
        long view = api.consensus(primary).getJsonNumber("term").longValue();
        List<Integer> others = ClusterApi.allBut(4, primary, 1);
        Instant killed = Instant.now();
        cluster.kill(primary);
        api.awaitFirstWrite(others.get(0), killed, acknowledged);
        List<Integer> alive = ClusterApi.allBut(4, primary);
        int next = api.awaitOneLeader(alive);
        assertNotEquals(primary, next);
        assertTrue(api.consensus(next).getJsonNumber("term").longValue() > view, "a later view");
        api.awaitHostsOn(alive, acknowledged);

        cluster.start(primary);
        cluster.awaitReady(primary, START_DEADLINE);
        acknowledged.add(api.register(others.get(1)));
        api.awaitHostsOn(List.of(primary), acknowledged);
        api.awaitSameHosts(List.of(1, 2, 3, 4));
    }

    @Test
    @Order(3)
    void aMemberCorruptingEveryFrameDoesNotStopTheOthers() {
        int primary = api.awaitOneLeader(List.of(1, 2, 3, 4));
        int corrupt = primary == 4 ? 3 : 4;
        cluster.kill(corrupt);
        cluster.start(corrupt, CORRUPT_EVERY_FRAME);
        cluster.awaitReady(corrupt, START_DEADLINE);
        assertTrue(cluster.logContains(corrupt, "FAULT INJECTION IS ON"), "the corrupting member says so loudly");
        List<Integer> honest = ClusterApi.allBut(4, corrupt);
        for (int node : honest) {
            if (node != 1) { // node-1 is honest as a backup, but it would equivocate again as primary
                acknowledged.add(api.register(node));
            }
        }
        api.awaitHostsOn(honest, acknowledged);
        api.awaitSameHosts(honest);
    }

    @Test
    @Order(4)
    void twoMembersAloneCannotCommitAndSaySo() {
        int primary = api.awaitOneLeader(List.of(1, 2));
        List<Integer> stopped = ClusterApi.allBut(4, 1, 2);
        stopped.forEach(cluster::kill);
        int survivor = primary == 2 ? 1 : 2;
        NovaCronServer.awaitCondition("node-" + survivor + " to answer a write with 503 no-quorum",
                ClusterApi.DEADLINE, () -> {
                    ApiClient.Reply reply = api.tryRegister(survivor);
                    assertNotEquals(201, reply.status(), () -> "two members of four committed: " + reply);
                    return reply.status() == 503 && reply.object().getString("type").endsWith("/no-quorum");
                });
        System.out.println("two PBFT members alone answer: " + api.tryRegister(survivor).body());
    }
}
