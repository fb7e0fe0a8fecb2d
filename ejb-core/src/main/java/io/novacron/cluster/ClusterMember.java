package io.novacron.cluster;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of {@code novacron.cluster.members}: a node id and the address its consensus transport listens on.
 *
 * @param id   the member's {@code novacron.node.id}
 * @param host host name or IP address (an IPv6 address in brackets, as in {@code [::1]:7800})
 * @param port TCP port of the consensus transport
 */
public record ClusterMember(String id, String host, int port) {

    /** What a node id may look like; the same rule as the grid's consistent id. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern ENTRY = Pattern.compile("([^=\\s]+)=(\\[[0-9A-Fa-f:.]+\\]|[^:\\s\\[\\]]+):(\\d{1,5})");

    /** {@code host:port}. */
    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return id + "=" + address();
    }

    /**
     * Parses {@code id=host:port}; throws with one line naming the key when the entry does not have that shape,
     * the id is not a valid node id or the port is outside 1..65535.
     */
    static ClusterMember parse(String entry) {
        String trimmed = entry.trim();
        Matcher matcher = ENTRY.matcher(trimmed);
        if (!matcher.matches()) {
            throw ClusterSettings.invalid(ClusterSettings.MEMBERS_KEY, "'" + trimmed + "'",
                    "entries of the form id=host:port, separated by commas");
        }
        String id = matcher.group(1);
        if (!ID.matcher(id).matches()) {
            throw ClusterSettings.invalid(ClusterSettings.MEMBERS_KEY, "'" + trimmed + "'",
                    "a member id of 1-64 letters, digits, '.', '_' or '-'");
        }
        int port = Integer.parseInt(matcher.group(3));
        if (port < 1 || port > 65535) {
            throw ClusterSettings.invalid(ClusterSettings.MEMBERS_KEY, "'" + trimmed + "'", "a port in 1..65535");
        }
        return new ClusterMember(id, matcher.group(2), port);
    }
}
