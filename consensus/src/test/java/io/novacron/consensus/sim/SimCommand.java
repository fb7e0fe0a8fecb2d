package io.novacron.consensus.sim;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A client request as the simulator proposes it: who asked, their request number, and an opaque payload.
 * It travels through the protocols as plain bytes, so validity and exactly-once can be checked on what
 * comes out of them.
 */
public record SimCommand(long clientId, long requestNumber, byte[] payload) {

    public byte[] encode() {
        return ByteBuffer.allocate(16 + payload.length).putLong(clientId).putLong(requestNumber).put(payload).array();
    }

    /** Decodes bytes a protocol committed; anything that is not a SimCommand is reported as such. */
    public static SimCommand decode(byte[] bytes) {
        if (bytes == null || bytes.length < 16) {
            throw new IllegalArgumentException("not a simulator command: " + (bytes == null ? "null" : bytes.length + " bytes"));
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long client = buffer.getLong();
        long number = buffer.getLong();
        byte[] payload = Arrays.copyOfRange(bytes, 16, bytes.length);
        return new SimCommand(client, number, payload);
    }

    /** The identity of the request, independent of the payload bytes. */
    public String requestKey() {
        return clientId + "/" + requestNumber;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SimCommand that && clientId == that.clientId && requestNumber == that.requestNumber
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(clientId) + 17 * Long.hashCode(requestNumber) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "cmd(" + requestKey() + ", " + payload.length + " B)";
    }
}
