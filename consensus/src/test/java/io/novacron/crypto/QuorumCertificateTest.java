package io.novacron.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QuorumCertificateTest {

    private static final int QUORUM = 3; // n = 4, f = 1, 2f + 1
    private final Map<Integer, SigningKeyPair> pairs = new HashMap<>();
    private final Map<Integer, byte[]> publicKeys = new HashMap<>();
    private final byte[] digest = Digests.sha256("batch".getBytes(StandardCharsets.US_ASCII));

    @BeforeEach
    void keys() {
        SecureRandom random = new SecureRandom();
        for (int id = 0; id < 4; id++) {
            SigningKeyPair pair = SignatureScheme.ED25519.generateKeyPair(random);
            pairs.put(id, pair);
            publicKeys.put(id, pair.publicKey());
        }
    }

    private TreeMap<Integer, byte[]> votes(byte[] signedDigest, int... signers) {
        TreeMap<Integer, byte[]> votes = new TreeMap<>();
        for (int signer : signers) {
            votes.put(signer, pairs.get(signer).signer().sign(QuorumCertificate.signingPayload(2, 9, signedDigest)));
        }
        return votes;
    }

    @Test
    void quorumOfDistinctValidSignaturesVerifiesOfflineAndRoundTrips() {
        QuorumCertificate qc = new QuorumCertificate(2, 9, digest, SignatureScheme.ED25519, votes(digest, 0, 1, 3));
        assertTrue(qc.verify(publicKeys, QUORUM));
        QuorumCertificate decoded = QuorumCertificate.decode(qc.encode());
        assertEquals(qc, decoded);
        assertTrue(decoded.verify(publicKeys, QUORUM));
    }

    @Test
    void tooFewSignersRejected() {
        QuorumCertificate qc = new QuorumCertificate(2, 9, digest, SignatureScheme.ED25519, votes(digest, 0, 1));
        assertFalse(qc.verify(publicKeys, QUORUM));
    }

    @Test
    void forgedSignatureRejected() {
        TreeMap<Integer, byte[]> votes = votes(digest, 0, 1, 2);
        // Replica 2's slot holds a signature made with replica 0's key: a forgery attributed to 2.
        votes.put(2, votes.get(0));
        assertFalse(new QuorumCertificate(2, 9, digest, SignatureScheme.ED25519, votes).verify(publicKeys, QUORUM));
    }

    @Test
    void signatureOverAnotherDigestRejected() {
        TreeMap<Integer, byte[]> votes = votes(digest, 0, 1);
        byte[] other = Digests.sha256("other batch".getBytes(StandardCharsets.US_ASCII));
        votes.putAll(votes(other, 2));
        assertFalse(new QuorumCertificate(2, 9, digest, SignatureScheme.ED25519, votes).verify(publicKeys, QUORUM));
        // Nor does a certificate relabelled with another sequence number verify.
        assertFalse(new QuorumCertificate(2, 10, digest, SignatureScheme.ED25519, votes(digest, 0, 1, 2))
                .verify(publicKeys, QUORUM));
    }

    @Test
    void duplicateSignerInEncodingRejected() {
        QuorumCertificate qc = new QuorumCertificate(2, 9, digest, SignatureScheme.ED25519, votes(digest, 0, 1, 3));
        byte[] encoded = qc.encode();
        // Rewrite the third signer id (3) to 1: two votes by the same member must not count as two.
        int thirdSignerOffset = 1 + 8 + 8 + 4 + 32 + 4 + 2 * (4 + 4 + 64);
        encoded[thirdSignerOffset + 3] = 1;
        assertThrows(IllegalArgumentException.class, () -> QuorumCertificate.decode(encoded));
    }

    @Test
    void unknownSignerAndMalformedEncodingRejected() {
        QuorumCertificate qc = new QuorumCertificate(2, 9, digest, SignatureScheme.ED25519, votes(digest, 0, 1, 3));
        Map<Integer, byte[]> withoutThree = new HashMap<>(publicKeys);
        withoutThree.remove(3);
        assertFalse(qc.verify(withoutThree, QUORUM));
        byte[] encoded = qc.encode();
        assertThrows(IllegalArgumentException.class, () -> QuorumCertificate.decode(Arrays.copyOf(encoded, 40)));
        assertThrows(IllegalArgumentException.class,
                () -> QuorumCertificate.decode(Arrays.copyOf(encoded, encoded.length + 1)));
    }
}
