package io.novacron.consensus.pbft;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.novacron.crypto.Digests;

/**
 * A tiny deterministic replicated application for tests: its state is a count and a hash chain of executed
 * operations; the result of an operation is "ok:" + operation + ":" + count.
 */
final class CounterApplication {

    private long count;
    private byte[] chain = new byte[32];

    List<byte[]> apply(List<ClientRequest> requests) {
        List<byte[]> results = new ArrayList<>();
        for (ClientRequest request : requests) {
            count++;
            chain = Digests.sha256(chain, request.operation());
            results.add(("ok:" + new String(request.operation(), java.nio.charset.StandardCharsets.UTF_8) + ":" + count)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return results;
    }

    byte[] snapshot() {
        return ByteBuffer.allocate(8 + 32).putLong(count).put(chain).array();
    }

    void load(byte[] snapshot) {
        ByteBuffer buffer = ByteBuffer.wrap(snapshot);
        count = buffer.getLong();
        chain = new byte[32];
        buffer.get(chain);
    }

    long count() {
        return count;
    }
}
