package io.novacron.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterSettingsTest {

    private static final String THREE = "node-1=127.0.0.1:7800,node-2=127.0.0.1:7801,node-3=127.0.0.1:7802";
    private static final String FOUR = THREE + ",node-4=127.0.0.1:7803";

    @Test
    void withoutMembersTheNodeIsAOneMemberClusterOnItsOwnPort() {
        ClusterSettings settings = ClusterSettings.of("node-1", Optional.empty(), 7800, "raft");

        assertEquals(List.of(new ClusterMember("node-1", "127.0.0.1", 7800)), settings.members());
        assertTrue(settings.singleMember());
        assertEquals(ClusterProtocol.RAFT, settings.protocol());
        assertEquals(0, settings.faultsTolerated());
        assertEquals(Optional.empty(), settings.warning());
        assertEquals(7900, ClusterSettings.of("cp-a", Optional.of(" "), 7900, "raft").self().port());
    }

    @Test
    void theReplicaIndexIsThePositionInTheList() {
        ClusterSettings settings = ClusterSettings.of("node-2", Optional.of(THREE), 7801, "RAFT");

        assertEquals(3, settings.size());
        assertEquals(new ClusterMember("node-2", "127.0.0.1", 7801), settings.self());
        assertEquals(2, settings.raftId("node-2"));
        assertEquals(1, settings.pbftReplica("node-2"));
        assertEquals("node-3", settings.byRaftId(3).id());
        assertEquals("node-1", settings.byPbftReplica(0).id());
        assertEquals(List.of("node-1", "node-3"), settings.peers().stream().map(ClusterMember::id).toList());
        assertEquals(1, settings.faultsTolerated());
        assertEquals(THREE, settings.membersValue());
        assertThrows(IllegalArgumentException.class, () -> settings.raftId("node-9"));
        assertThrows(IllegalArgumentException.class, () -> settings.byRaftId(0));
        assertThrows(IllegalArgumentException.class, () -> settings.byPbftReplica(3));
    }

    @Test
    void pbftWithFourMembersToleratesOneFault() {
        ClusterSettings settings = ClusterSettings.of("node-4", Optional.of(FOUR), 7803, "pbft");

        assertEquals(ClusterProtocol.PBFT, settings.protocol());
        assertEquals(1, settings.faultsTolerated());
        assertEquals(3, settings.pbftReplica("node-4"));
        assertEquals(Optional.empty(), settings.warning());
    }

    @Test
    void raftWithAnEvenCountIsAllowedWithAWarning() {
        ClusterSettings settings = ClusterSettings.of("node-1", Optional.of(FOUR), 7800, "raft");

        assertTrue(settings.warning().orElseThrow().contains("4 members"));
    }

    @Test
    void membersAcceptSpacesHostNamesAndBracketedIpv6() {
        ClusterSettings settings = ClusterSettings.of("b", Optional.of(" a=cp-a.example.com:7800 , b=[::1]:7800"),
                7800, "raft");

        assertEquals(new ClusterMember("a", "cp-a.example.com", 7800), settings.members().get(0));
        assertEquals("[::1]:7800", settings.self().address());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed entry    | node-1 | node-1=127.0.0.1                          | 7800 | raft | Invalid configuration novacron.cluster.members='node-1=127.0.0.1': expected entries of the form id=host:port, separated by commas",
        "empty entry        | node-1 | 'node-1=127.0.0.1:7800,'                  | 7800 | raft | Invalid configuration novacron.cluster.members='': expected entries of the form id=host:port, separated by commas",
        "port out of range  | node-1 | node-1=127.0.0.1:70000                    | 7800 | raft | Invalid configuration novacron.cluster.members='node-1=127.0.0.1:70000': expected a port in 1..65535",
        "bad member id      | node-1 | 'node 1=127.0.0.1:7800'                   | 7800 | raft | Invalid configuration novacron.cluster.members='node 1=127.0.0.1:7800': expected entries of the form id=host:port, separated by commas",
        "not a member       | node-4 | " + THREE + "                             | 7800 | raft | Invalid configuration novacron.cluster.members=" + THREE + ": expected an entry for this node (novacron.node.id=node-4)",
        "duplicate id       | node-1 | node-1=127.0.0.1:7800,node-1=127.0.0.1:7801 | 7800 | raft | Invalid configuration novacron.cluster.members=node-1=127.0.0.1:7800,node-1=127.0.0.1:7801: expected distinct member ids, but 'node-1' appears twice",
        "duplicate address  | node-1 | node-1=127.0.0.1:7800,node-2=127.0.0.1:7800 | 7800 | raft | Invalid configuration novacron.cluster.members=node-1=127.0.0.1:7800,node-2=127.0.0.1:7800: expected distinct addresses, but 127.0.0.1:7800 appears twice",
        "port differs       | node-2 | " + THREE + "                             | 7800 | raft | Invalid configuration novacron.cluster.port=7800: expected the port of this node's entry in novacron.cluster.members (node-2=127.0.0.1:7801)",
        "pbft with three    | node-1 | " + THREE + "                             | 7800 | pbft | Invalid configuration novacron.cluster.protocol=pbft with 3 member(s): expected at least 4 members (n >= 3f+1 with f >= 1), or raft",
        "pbft alone         | node-1 |                                           | 7800 | pbft | Invalid configuration novacron.cluster.protocol=pbft with 1 member(s): expected at least 4 members (n >= 3f+1 with f >= 1), or raft",
        "unknown protocol   | node-1 |                                           | 7800 | paxos | Invalid configuration novacron.cluster.protocol=paxos: expected raft or pbft",
        "port zero          | node-1 |                                           | 0    | raft | Invalid configuration novacron.cluster.port=0: expected 1..65535",
        "bad node id        | node/1 |                                           | 7800 | raft | Invalid configuration novacron.node.id=node/1: expected 1-64 letters, digits, '.', '_' or '-'",
    })
    void nonsenseFailsWithOneLineNamingTheKey(String name, String nodeId, String members, int port, String protocol,
                                              String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClusterSettings.of(nodeId, Optional.ofNullable(members), port, protocol));

        assertEquals(message, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void gridDiscoveryAddressesAreTheDistinctMemberHostsWithTheDiscoveryRange() {
        ClusterSettings settings = ClusterSettings.of("a", Optional.of(
                "a=10.0.0.1:7800,b=10.0.0.2:7800,c=10.0.0.1:7801"), 7800, "raft");

        assertEquals(List.of("10.0.0.1:47500..47510", "10.0.0.2:47500..47510"),
                settings.gridDiscoveryAddresses(47500, 10));
        assertEquals(List.of("10.0.0.1:47500", "10.0.0.2:47500"), settings.gridDiscoveryAddresses(47500, 0));
    }
}
