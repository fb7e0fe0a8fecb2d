package io.novacron.transport.tcp;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The counters of every peer this node talks to, shared by its sending and receiving sides so that one statistics
 * snapshot shows both directions. Receivers add entries for peers that connect; the map grows only by node ids
 * that passed the HELLO checks.
 */
public final class CounterRegistry {

    private final ConcurrentMap<String, PeerCounters> byPeer = new ConcurrentHashMap<>();

    public PeerCounters of(String peerId) {
        return byPeer.computeIfAbsent(peerId, id -> new PeerCounters());
    }
}
