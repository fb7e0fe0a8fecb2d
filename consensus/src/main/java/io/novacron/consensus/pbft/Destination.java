package io.novacron.consensus.pbft;

/**
 * Where an outbound message goes: every other replica, one replica, or one client.
 * <p>
 * Kept abstract so the core never knows addresses; the driver maps ids to connections.
 *
 * @param kind whom the id refers to
 * @param id   replica id or client id; unused for {@link Kind#ALL_REPLICAS}
 */
public record Destination(Kind kind, long id) {

    /** Whom a destination addresses. */
    public enum Kind {
        /** Every replica except the sender. */
        ALL_REPLICAS,
        /** One replica, by id. */
        REPLICA,
        /** One client, by id. */
        CLIENT
    }

    /** Every replica except the sender. */
    public static Destination allReplicas() {
        return new Destination(Kind.ALL_REPLICAS, -1);
    }

    /** One replica. */
    public static Destination replica(int replicaId) {
        return new Destination(Kind.REPLICA, replicaId);
    }

    /** One client. */
    public static Destination client(long clientId) {
        return new Destination(Kind.CLIENT, clientId);
    }
}
