package io.novacron.grid.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The tunables of the embedded grid node, read from MicroProfile Config by the server and validated
 * here so that a bad value fails start-up with one line naming the property.
 *
 * @param instanceName       Ignite instance name; unique per JVM
 * @param consistentId       this node's stable identity in the grid (the NovaCron node id); names its
 *                           persistence folder, so it must not change between restarts
 * @param localAddress       address the node binds and advertises (loopback by default)
 * @param discoveryPort      first TCP discovery port this node tries
 * @param discoveryPortRange how many ports after {@code discoveryPort} it may take
 * @param communicationPort  first TCP communication port
 * @param discoveryAddresses where the other members are ("host:port" or "host:from..to")
 * @param regionMaxMib       upper bound of the off-heap data region, in MiB
 * @param persistent         whether the region is persisted (write-ahead log and pages) in workDirectory
 * @param workDirectory      Ignite's work directory (binary metadata, persistence files)
 */
public record GridSettings(
        String instanceName,
        String consistentId,
        String localAddress,
        int discoveryPort,
        int discoveryPortRange,
        int communicationPort,
        List<String> discoveryAddresses,
        long regionMaxMib,
        boolean persistent,
        Path workDirectory) {

    public static final long REGION_MIN_MIB = 64;

    public GridSettings {
        discoveryAddresses = List.copyOf(discoveryAddresses);
    }

    /** Rejects nonsense with one line naming the configuration key, the value and what is allowed. */
    public GridSettings validate() {
        require(instanceName != null && !instanceName.isBlank(), "novacron.grid.instance-name", instanceName,
                "a non-blank name");
        require(consistentId != null && consistentId.matches("[A-Za-z0-9._-]{1,64}"), "novacron.node.id",
                consistentId, "1-64 letters, digits, '.', '_' or '-'");
        require(localAddress != null && !localAddress.isBlank(), "novacron.grid.local-address", localAddress,
                "an IP address or host name");
        requirePort("novacron.grid.discovery-port", discoveryPort);
        requirePort("novacron.grid.communication-port", communicationPort);
        require(discoveryPortRange >= 0 && discoveryPortRange <= 100, "novacron.grid.discovery-port-range",
                discoveryPortRange, "0..100");
        require(!discoveryAddresses.isEmpty() && discoveryAddresses.stream().noneMatch(String::isBlank),
                "novacron.grid.discovery-addresses", discoveryAddresses, "one or more host:port entries");
        require(regionMaxMib >= REGION_MIN_MIB, "novacron.grid.region-max-mib", regionMaxMib,
                "at least " + REGION_MIN_MIB);
        require(workDirectory != null, "novacron.data.dir", workDirectory, "a directory path");
        return this;
    }

    private static void requirePort(String key, int port) {
        require(port > 0 && port < 65536, key, port, "1..65535");
    }

    private static void require(boolean condition, String key, Object value, String allowed) {
        if (!condition) {
            throw new IllegalArgumentException(
                    "Invalid configuration " + key + "=" + value + ": expected " + allowed);
        }
    }
}
