package io.novacron.consensus.pbft;

import java.nio.ByteBuffer;
import java.util.Arrays;

import io.novacron.crypto.Digests;
import io.novacron.crypto.SignatureScheme;
import io.novacron.crypto.SignatureVerifier;
import io.novacron.crypto.Signer;

/**
 * Cheap deterministic stand-in for real signatures: member m's signature of x is SHA-256(tag, m, x).
 * <p>
 * Good enough to test that the core checks who signed what (a signature made by another member, or over other
 * bytes, fails), at a fraction of Ed25519's cost; real keys are exercised in {@link QuorumCertificateEd25519Test}.
 */
public final class FakeKeys implements SignatureVerifier {

    private final byte[] tag;

    public FakeKeys(String tag) {
        this.tag = tag.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    public Signer signer(long member) {
        return new Signer() {
            @Override
            public byte[] sign(byte[] message) {
                return signature(member, message);
            }

            @Override
            public SignatureScheme scheme() {
                return SignatureScheme.ED25519;
            }
        };
    }

    private byte[] signature(long member, byte[] message) {
        return Digests.sha256(tag, ByteBuffer.allocate(8).putLong(member).array(), message);
    }

    @Override
    public boolean verify(long signerId, byte[] message, byte[] signature) {
        return Arrays.equals(signature(signerId, message), signature);
    }
}
