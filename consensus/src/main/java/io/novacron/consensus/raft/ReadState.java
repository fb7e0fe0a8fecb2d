package io.novacron.consensus.raft;

/**
 * A linearizable read that may be served once the application has applied up to {@code index}
 * (dissertation §6.4). The request context lets the driver match it to the waiting client.
 *
 * @param index          the commit index at the time leadership was confirmed
 * @param requestContext the caller's opaque bytes passed to {@link RaftNode#readIndex(byte[])}
 */
public record ReadState(long index, byte[] requestContext) {

    public ReadState {
        requestContext = requestContext.clone();
    }

    @Override
    public byte[] requestContext() {
        return requestContext.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReadState r && r.index == index && java.util.Arrays.equals(r.requestContext, requestContext);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(index) * 31 + java.util.Arrays.hashCode(requestContext);
    }
}
