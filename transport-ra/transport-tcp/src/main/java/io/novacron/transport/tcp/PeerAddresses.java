package io.novacron.transport.tcp;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses the peer list property, {@code id=host:port,id=host:port}, as a JCA config property must be a string. */
public final class PeerAddresses {

    private PeerAddresses() {
    }

    /**
     * The peers in the order given.
     *
     * @throws IllegalArgumentException one line naming the entry that is not {@code id=host:port}
     */
    public static Map<String, InetSocketAddress> parse(String property) {
        Map<String, InetSocketAddress> peers = new LinkedHashMap<>();
        if (property == null || property.isBlank()) {
            return Collections.unmodifiableMap(peers);
        }
        for (String entry : property.split(",")) {
            String e = entry.trim();
            int eq = e.indexOf('=');
            int colon = e.lastIndexOf(':');
            if (eq <= 0 || colon < eq + 2 || colon == e.length() - 1) {
                throw new IllegalArgumentException("peers: entry '" + e + "' is invalid; allowed: id=host:port");
            }
            String id = e.substring(0, eq).trim();
            String host = e.substring(eq + 1, colon).trim();
            int port;
            try {
                port = Integer.parseInt(e.substring(colon + 1).trim());
            } catch (NumberFormatException nfe) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("peers: port in '" + e + "' is invalid; allowed: 1..65535");
            }
            if (peers.put(id, InetSocketAddress.createUnresolved(host, port)) != null) {
                throw new IllegalArgumentException("peers: id '" + id + "' appears twice; allowed: each id once");
            }
        }
        return Collections.unmodifiableMap(peers);
    }

    /** The inverse of {@link #parse}. */
    public static String format(Map<String, InetSocketAddress> peers) {
        StringBuilder b = new StringBuilder();
        peers.forEach((id, a) -> b.append(b.length() == 0 ? "" : ",").append(id).append('=')
                .append(a.getHostString()).append(':').append(a.getPort()));
        return b.toString();
    }
}
