package io.novacron.consensus.raft;

import java.nio.ByteBuffer;

/**
 * A single-server membership change (dissertation §4.1), carried in a CONF_CHANGE log entry.
 * Only one node is added or removed at a time so that any old and new majorities overlap and no
 * joint consensus is needed.
 *
 * @param type   what happens to the node
 * @param nodeId the node concerned
 */
public record ConfChange(Type type, int nodeId) {

    /** The kinds of single-server change. */
    public enum Type {
        /** Add a voter, or promote a learner to voter. */
        ADD_VOTER,
        /** Add a non-voting member, or demote a voter (a voter demotion is also a removal from quorums). */
        ADD_LEARNER,
        /** Remove the node from the configuration. */
        REMOVE_NODE
    }

    /** The entry payload: one type byte then the node id. */
    public byte[] encode() {
        return ByteBuffer.allocate(5).put((byte) type.ordinal()).putInt(nodeId).array();
    }

    /** Parses an entry payload written by {@link #encode()}. */
    public static ConfChange decode(byte[] data) {
        if (data.length != 5 || data[0] < 0 || data[0] >= Type.values().length) {
            throw new IllegalStateException("corrupt conf change entry of " + data.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        return new ConfChange(Type.values()[b.get()], b.getInt());
    }
}
