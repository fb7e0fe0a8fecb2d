package io.novacron.cluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who the members of the control plane are, where their consensus transport listens, and which protocol they
 * run; read from MicroProfile Config by {@link ClusterConfiguration} and validated here, so that a bad value
 * fails start-up with one line naming the key.
 * <p>
 * The order of {@link #members()} is the replica order: a member's replica index is its position
 * (Raft ids 1..n, PBFT replica numbers 0..n-1). Every member must be configured with the same list.
 *
 * @param nodeId   this node's id ({@code novacron.node.id})
 * @param members  every member in replica order, this node included ({@code novacron.cluster.members})
 * @param port     the port this node's consensus transport listens on ({@code novacron.cluster.port})
 * @param protocol the consensus protocol ({@code novacron.cluster.protocol})
 */
public record ClusterSettings(String nodeId, List<ClusterMember> members, int port, ClusterProtocol protocol) {

    public static final String MEMBERS_KEY = "novacron.cluster.members";
    public static final String PORT_KEY = "novacron.cluster.port";
    public static final String PROTOCOL_KEY = "novacron.cluster.protocol";
    public static final String NODE_ID_KEY = "novacron.node.id";
    public static final int DEFAULT_PORT = 7800;
    /** The host of the one-member default. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** PBFT with f >= 1 needs n >= 3f+1 = 4 members. */
    public static final int PBFT_MIN_MEMBERS = 4;

    public ClusterSettings {
        members = List.copyOf(members);
    }

    /**
     * Builds the settings from raw configuration values and validates them.
     *
     * @param members the {@code novacron.cluster.members} value, or empty/blank for the one-member default
     *                ({@code <node id>=127.0.0.1:<port>})
     */
    public static ClusterSettings of(String nodeId, Optional<String> members, int port, String protocol) {
        ClusterProtocol parsedProtocol = ClusterProtocol.parse(protocol);
        List<ClusterMember> parsed = members.filter(value -> !value.isBlank())
                .map(ClusterSettings::parseMembers)
                .orElseGet(() -> List.of(new ClusterMember(nodeId, DEFAULT_HOST, port)));
        return new ClusterSettings(nodeId, parsed, port, parsedProtocol).validate();
    }

    /** Parses {@code id=host:port,...}; throws with one line on the first malformed entry. */
    public static List<ClusterMember> parseMembers(String value) {
        List<ClusterMember> parsed = new ArrayList<>();
        for (String entry : value.split(",", -1)) {
            parsed.add(ClusterMember.parse(entry));
        }
        return parsed;
    }

    /** Rejects nonsense with one line naming the configuration key, the value and what is allowed. */
    public ClusterSettings validate() {
        require(nodeId != null && ClusterMember.ID.matcher(nodeId).matches(), NODE_ID_KEY, nodeId,
                "1-64 letters, digits, '.', '_' or '-'");
        require(port > 0 && port < 65536, PORT_KEY, port, "1..65535");
        require(protocol != null, PROTOCOL_KEY, null, "raft or pbft");
        require(!members.isEmpty(), MEMBERS_KEY, "", "one or more entries id=host:port");
        String value = membersValue();
        Set<String> ids = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (ClusterMember member : members) {
            require(ids.add(member.id()), MEMBERS_KEY, value, "distinct member ids, but '" + member.id()
                    + "' appears twice");
            require(addresses.add(member.address()), MEMBERS_KEY, value, "distinct addresses, but "
                    + member.address() + " appears twice");
        }
        require(ids.contains(nodeId), MEMBERS_KEY, value, "an entry for this node (" + NODE_ID_KEY + "=" + nodeId
                + ")");
        ClusterMember self = self();
        require(self.port() == port, PORT_KEY, port, "the port of this node's entry in " + MEMBERS_KEY + " ("
                + self + ")");
        if (protocol == ClusterProtocol.PBFT) {
            require(members.size() >= PBFT_MIN_MEMBERS, PROTOCOL_KEY, "pbft with " + members.size()
                    + " member(s)", "at least " + PBFT_MIN_MEMBERS + " members (n >= 3f+1 with f >= 1), or raft");
        }
        return this;
    }

    /** A warning worth one log line for a valid but questionable setting, or empty. */
    public Optional<String> warning() {
        if (protocol == ClusterProtocol.RAFT && members.size() % 2 == 0) {
            return Optional.of("novacron.cluster.members lists " + members.size() + " members: Raft with an even"
                    + " count tolerates no more failures than " + (members.size() - 1) + " members ("
                    + protocol.faultsTolerated(members.size()) + "); prefer an odd number");
        }
        return Optional.empty();
    }

    /** This node's entry. */
    public ClusterMember self() {
        return member(nodeId).orElseThrow(() -> new IllegalStateException(nodeId + " is not a member"));
    }

    public Optional<ClusterMember> member(String id) {
        return members.stream().filter(member -> member.id().equals(id)).findFirst();
    }

    public int size() {
        return members.size();
    }

    /** Whether this is the one-member cluster of the single-server default (or a one-entry list). */
    public boolean singleMember() {
        return members.size() == 1;
    }

    /** Members that are not this node, in replica order. */
    public List<ClusterMember> peers() {
        return members.stream().filter(member -> !member.id().equals(nodeId)).toList();
    }

    public List<String> memberIds() {
        return members.stream().map(ClusterMember::id).toList();
    }

    /** Position of the member in the list, 0-based; throws for an id that is not a member. */
    public int indexOf(String id) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("'" + id + "' is not a member of " + membersValue());
    }

    /** The member's Raft id: its position in the list, 1..n. */
    public long raftId(String id) {
        return indexOf(id) + 1L;
    }

    /** The member's PBFT replica number: its position in the list, 0..n-1. */
    public int pbftReplica(String id) {
        return indexOf(id);
    }

    /** The member with Raft id 1..n. */
    public ClusterMember byRaftId(long raftId) {
        if (raftId < 1 || raftId > members.size()) {
            throw new IllegalArgumentException("Raft id " + raftId + " outside 1.." + members.size());
        }
        return members.get((int) raftId - 1);
    }

    /** The member with PBFT replica number 0..n-1. */
    public ClusterMember byPbftReplica(int replica) {
        if (replica < 0 || replica >= members.size()) {
            throw new IllegalArgumentException("PBFT replica " + replica + " outside 0.." + (members.size() - 1));
        }
        return members.get(replica);
    }

    /** How many faulty members the configured protocol tolerates with this many members. */
    public int faultsTolerated() {
        return protocol.faultsTolerated(members.size());
    }

    /**
     * The grid's discovery addresses derived from the members: each distinct member host, in member order, with
     * the discovery port range ({@code host:port..port+range}). Assumes every member uses the same grid discovery
     * ports, as one server per machine does.
     */
    public List<String> gridDiscoveryAddresses(int discoveryPort, int discoveryPortRange) {
        Set<String> hosts = new LinkedHashSet<>();
        members.forEach(member -> hosts.add(member.host()));
        String ports = discoveryPortRange == 0 ? Integer.toString(discoveryPort)
                : discoveryPort + ".." + (discoveryPort + discoveryPortRange);
        return hosts.stream().map(host -> host + ":" + ports).toList();
    }

    /** The members in configuration syntax, {@code id=host:port,...}. */
    public String membersValue() {
        return members.stream().map(ClusterMember::toString).collect(Collectors.joining(","));
    }

    static IllegalArgumentException invalid(String key, Object value, String allowed) {
        return new IllegalArgumentException("Invalid configuration " + key + "=" + value + ": expected " + allowed);
    }

    private static void require(boolean condition, String key, Object value, String allowed) {
        if (!condition) {
            throw invalid(key, value, allowed);
        }
    }
}
