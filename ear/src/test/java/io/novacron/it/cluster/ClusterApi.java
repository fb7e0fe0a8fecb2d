package io.novacron.it.cluster;

import io.novacron.it.ApiClient;
import io.novacron.it.Hosts;
import io.novacron.it.NovaCronServer;
import jakarta.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the cluster system tests ask of the members through the API, with deadlines instead of sleeps. */
final class ClusterApi {

    static final Duration DEADLINE = Duration.ofSeconds(90);

    private final LocalCluster cluster;

    ClusterApi(LocalCluster cluster) {
        this.cluster = cluster;
    }

    JsonObject consensus(int node) {
        ApiClient.Reply reply = cluster.get(node, "/api/v1/consensus");
        assertEquals(200, reply.status(), () -> "node-" + node + ": " + reply);
        return reply.object();
    }

    JsonObject system(int node) {
        ApiClient.Reply reply = cluster.get(node, "/api/v1/system");
        assertEquals(200, reply.status(), () -> "node-" + node + ": " + reply);
        return reply.object();
    }

    /** Registers a host through {@code node}; the reply as it came. */
    ApiClient.Reply tryRegister(int node) {
        return cluster.post(node, "/api/v1/hosts", Hosts.spec(Hosts.uniqueName(), 32));
    }

    /** Registers a host through {@code node}, which must answer 201; its id. */
    String register(int node) {
        ApiClient.Reply created = tryRegister(node);
        assertEquals(201, created.status(), () -> "node-" + node + ": " + created);
        return created.object().getString("id");
    }

    /** Host ids on {@code node}'s own copy. */
    Set<String> hostIds(int node) {
        ApiClient.Reply reply = cluster.get(node, "/api/v1/hosts");
        assertEquals(200, reply.status(), () -> "node-" + node + ": " + reply);
        Set<String> ids = new TreeSet<>();
        reply.array().getValuesAs(JsonObject.class).forEach(host -> ids.add(host.getString("id")));
        return ids;
    }

    /** Waits until every listed member's copy holds every id in {@code ids}. */
    void awaitHostsOn(Collection<Integer> nodes, Collection<String> ids) {
        for (int node : nodes) {
            NovaCronServer.awaitCondition("node-" + node + " to hold " + ids.size() + " host(s)", DEADLINE,
                    () -> hostIds(node).containsAll(ids));
        }
    }

    /** Waits until the listed members hold exactly the same hosts (none applies anything the others do not). */
    void awaitSameHosts(Collection<Integer> nodes) {
        NovaCronServer.awaitCondition("members " + nodes + " to hold the same hosts", DEADLINE, () -> {
            Set<Set<String>> copies = new HashSet<>();
            for (int node : nodes) {
                copies.add(hostIds(node));
            }
            return copies.size() == 1;
        });
    }

    /** Waits until every listed member runs consensus and names the same leader (primary) in the same term (view). */
    int awaitOneLeader(Collection<Integer> nodes) {
        String[] agreed = new String[1];
        Map<Integer, String> lastSeen = new TreeMap<>();
        try {
            awaitLeaderAgreement(nodes, agreed, lastSeen);
        } catch (AssertionError e) {
            // What each member said last is what the next investigation needs.
            throw new AssertionError(e.getMessage() + "; last statuses: " + lastSeen, e);
        }
        return Integer.parseInt(agreed[0].substring("node-".length()));
    }

    private void awaitLeaderAgreement(Collection<Integer> nodes, String[] agreed, Map<Integer, String> lastSeen) {
        NovaCronServer.awaitCondition("members " + nodes + " to agree on one leader", DEADLINE, () -> {
            Set<String> leaders = new HashSet<>();
            Set<Long> terms = new HashSet<>();
            for (int node : nodes) {
                JsonObject status = consensus(node);
                lastSeen.put(node, status.toString());
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
    }

    /**
     * Writes through {@code node} until one write is acknowledged; the time from {@code since} to that
     * acknowledgement is the fail-over time as a client sees it.
     */
    Duration awaitFirstWrite(int node, Instant since, List<String> acknowledged) {
        List<String> refusals = new ArrayList<>();
        NovaCronServer.awaitCondition("a write through node-" + node + " to be acknowledged", DEADLINE, () -> {
            ApiClient.Reply reply = tryRegister(node);
            if (reply.status() == 201) {
                acknowledged.add(reply.object().getString("id"));
                return true;
            }
            refusals.add(Integer.toString(reply.status()));
            return false;
        });
        Duration failover = Duration.between(since, Instant.now());
        System.out.printf("fail-over seen through node-%d: first acknowledged write %d ms after the event"
                + " (answers before it: %s)%n", node, failover.toMillis(), refusals);
        return failover;
    }

    static List<Integer> allBut(int size, int... excluded) {
        List<Integer> nodes = new ArrayList<>();
        for (int node = 1; node <= size; node++) {
            int candidate = node;
            if (java.util.Arrays.stream(excluded).noneMatch(x -> x == candidate)) {
                nodes.add(node);
            }
        }
        return nodes;
    }
}
