package io.novacron.consensus.pbft;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.novacron.crypto.Digests;
import io.novacron.crypto.Signer;

/**
 * A client's REQUEST: client id, per-client increasing timestamp, operation bytes and the client's signature over
 * {@link #digest()}.
 * <p>
 * A class rather than a record so the digest (used for batching, de-duplication and the verified-signature cache)
 * is hashed once per instance. Immutable as long as callers honour the contract that the arrays returned by
 * {@link #operation()} and {@link #signature()} are not modified (they are copied in, not out, to keep 1 KiB
 * payloads off the allocator on the hot path).
 */
public final class ClientRequest implements PbftMessage {

    private static final byte[] DOMAIN = "novacron-pbft-request-v1".getBytes(StandardCharsets.US_ASCII);

    private final long clientId;
    private final long timestamp;
    private final byte[] operation;
    private final byte[] signature;
    private final byte[] digest;

    /** Creates a request; {@code signature} may be empty for a not-yet-signed request. */
    public ClientRequest(long clientId, long timestamp, byte[] operation, byte[] signature) {
        this(clientId, timestamp, operation.clone(), signature.clone(), null);
    }

    private ClientRequest(long clientId, long timestamp, byte[] operation, byte[] signature, byte[] digest) {
        this.clientId = clientId;
        this.timestamp = timestamp;
        this.operation = operation;
        this.signature = signature;
        this.digest = digest != null ? digest : Digests.sha256(DOMAIN,
                ByteBuffer.allocate(16).putLong(clientId).putLong(timestamp).array(), operation);
    }

    /** For the codec: takes ownership of freshly decoded arrays instead of copying them; the digest is computed. */
    static ClientRequest adopt(long clientId, long timestamp, byte[] operation, byte[] signature) {
        return new ClientRequest(clientId, timestamp, operation, signature, null);
    }

    /** Creates a request signed by {@code signer}. */
    public static ClientRequest signed(long clientId, long timestamp, byte[] operation, Signer signer) {
        ClientRequest unsigned = new ClientRequest(clientId, timestamp, operation, new byte[0]);
        return unsigned.withSignature(signer.sign(unsigned.digest));
    }

    /** The client's id (a namespace separate from replica ids). */
    public long clientId() {
        return clientId;
    }

    /** Per-client request number; larger means newer, execution is at most once per timestamp. */
    public long timestamp() {
        return timestamp;
    }

    /** The operation bytes; must not be modified. */
    public byte[] operation() {
        return operation;
    }

    /** SHA-256 over (client id, timestamp, operation): what the client signs and what batches are built from. */
    public byte[] digest() {
        return digest;
    }

    @Override
    public MessageType type() {
        return MessageType.REQUEST;
    }

    @Override
    public long senderId() {
        return clientId;
    }

    @Override
    public byte[] signature() {
        return signature;
    }

    @Override
    public ClientRequest withSignature(byte[] newSignature) {
        // Same content, so the same digest: hashing a 1 KiB operation again would be wasted work.
        return new ClientRequest(clientId, timestamp, operation, newSignature.clone(), digest);
    }

    @Override
    public String toString() {
        return "REQUEST[client=" + clientId + ", t=" + timestamp + ", " + operation.length + " B]";
    }
}
