package io.novacron.crypto;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Proof that at least a quorum of distinct members signed the same (view, sequence, digest) triple; checkable
 * offline by anyone holding the members' public keys.
 * <p>
 * It exists so a committed decision can leave the cluster (audit log, another epoch, an external verifier) with
 * evidence that does not require trusting the replica that reports it. What each member signs is exactly
 * {@link #signingPayload(long, long, byte[])}; PBFT's COMMIT messages sign that payload, so the commits that
 * commit a batch are the certificate.
 *
 * @param view       protocol view (or term) the votes were cast in
 * @param sequence   sequence number (or log index) of the decision
 * @param digest     SHA-256 of the decided value
 * @param scheme     scheme of every signature
 * @param signatures signer id to signature, in ascending signer order (a map, so a signer appears once)
 */
public record QuorumCertificate(long view, long sequence, byte[] digest, SignatureScheme scheme,
                                SortedMap<Integer, byte[]> signatures) {

    private static final byte[] DOMAIN = "novacron-qc-v1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_SIGNERS = 1024;

    /** Copies the inputs so the certificate is immutable. */
    public QuorumCertificate {
        digest = digest.clone();
        TreeMap<Integer, byte[]> copy = new TreeMap<>();
        signatures.forEach((signer, signature) -> copy.put(signer, signature.clone()));
        signatures = Collections.unmodifiableSortedMap(copy);
    }

    /**
     * Returns the bytes every member signs: a domain tag, view, sequence and digest. The signer id is not part of
     * it because verification uses the signer's own key, so a signature cannot be re-attributed.
     */
    public static byte[] signingPayload(long view, long sequence, byte[] digest) {
        ByteBuffer buffer = ByteBuffer.allocate(DOMAIN.length + 16 + digest.length);
        buffer.put(DOMAIN).putLong(view).putLong(sequence).put(digest);
        return buffer.array();
    }

    /** Returns a defensive copy of the digest. */
    @Override
    public byte[] digest() {
        return digest.clone();
    }

    /**
     * Checks the certificate offline: at least {@code quorum} distinct signers, each known in {@code publicKeys}
     * and each signature valid over {@link #signingPayload}. Duplicate signers cannot occur (map keys), forged
     * signatures and signatures over another digest fail verification.
     */
    public boolean verify(Map<Integer, byte[]> publicKeys, int quorum) {
        if (quorum < 1 || signatures.size() < quorum) {
            return false;
        }
        byte[] payload = signingPayload(view, sequence, digest);
        int valid = 0;
        for (Map.Entry<Integer, byte[]> vote : signatures.entrySet()) {
            byte[] key = publicKeys.get(vote.getKey());
            if (key == null || !scheme.verify(key, payload, vote.getValue())) {
                return false;
            }
            valid++;
        }
        return valid >= quorum;
    }

    /** Encodes as: scheme, view, sequence, digest length + digest, signer count, then (id, length, bytes). */
    public byte[] encode() {
        int size = 1 + 8 + 8 + 4 + digest.length + 4;
        for (byte[] signature : signatures.values()) {
            size += 4 + 4 + signature.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.put((byte) scheme.ordinal()).putLong(view).putLong(sequence).putInt(digest.length).put(digest);
        buffer.putInt(signatures.size());
        signatures.forEach((signer, signature) -> buffer.putInt(signer).putInt(signature.length).put(signature));
        return buffer.array();
    }

    /**
     * Decodes {@link #encode()}'s output.
     *
     * @throws IllegalArgumentException if the bytes are truncated, oversized, carry an unknown scheme, a repeated
     *                                  signer, or trailing bytes
     */
    public static QuorumCertificate decode(byte[] bytes) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            int schemeIndex = buffer.get();
            if (schemeIndex < 0 || schemeIndex >= SignatureScheme.values().length) {
                throw new IllegalArgumentException("unknown signature scheme " + schemeIndex);
            }
            long view = buffer.getLong();
            long sequence = buffer.getLong();
            byte[] digest = bytes(buffer, Digests.SHA256_BYTES);
            int count = buffer.getInt();
            if (count < 0 || count > MAX_SIGNERS) {
                throw new IllegalArgumentException("signer count " + count + " outside 0.." + MAX_SIGNERS);
            }
            SignatureScheme scheme = SignatureScheme.values()[schemeIndex];
            TreeMap<Integer, byte[]> signatures = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                int signer = buffer.getInt();
                if (signatures.put(signer, bytes(buffer, scheme.signatureBytes())) != null) {
                    throw new IllegalArgumentException("signer " + signer + " appears twice");
                }
            }
            if (buffer.hasRemaining()) {
                throw new IllegalArgumentException(buffer.remaining() + " trailing bytes");
            }
            return new QuorumCertificate(view, sequence, digest, scheme, signatures);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated quorum certificate", e);
        }
    }

    private static byte[] bytes(ByteBuffer buffer, int maxLength) {
        int length = buffer.getInt();
        if (length < 0 || length > maxLength || length > buffer.remaining()) {
            throw new IllegalArgumentException("field length " + length + " outside 0.." + maxLength);
        }
        byte[] out = new byte[length];
        buffer.get(out);
        return out;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof QuorumCertificate)) {
            return false;
        }
        QuorumCertificate that = (QuorumCertificate) other;
        return Arrays.equals(encode(), that.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "QuorumCertificate[view=" + view + ", sequence=" + sequence + ", signers=" + signatures.keySet() + "]";
    }
}
