package io.novacron.consensus.pbft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.novacron.crypto.KeyRing;
import io.novacron.crypto.QuorumCertificate;
import io.novacron.crypto.SignatureScheme;
import io.novacron.crypto.Signer;
import io.novacron.crypto.SigningKeyPair;

/** Castro–Liskov §4.2 with real Ed25519 keys: the commits of a batch are a certificate anyone can check offline. */
class QuorumCertificateEd25519Test {

    @Test
    void committedBatchCarriesCertificateVerifiableOffline() {
        SecureRandom random = new SecureRandom();
        Map<Integer, byte[]> publicKeys = new HashMap<>();
        Map<Integer, Signer> signers = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            SigningKeyPair pair = SignatureScheme.ED25519.generateKeyPair(random);
            publicKeys.put(i, pair.publicKey());
            signers.put(i, pair.signer());
        }
        KeyRing ring = new KeyRing(SignatureScheme.ED25519, publicKeys);
        TestNetwork net = new TestNetwork(PbftConfig.defaultsFor(4), ring, new FakeKeys("client"), signers, 1);
        net.submit(1, "audited");
        net.runUntilClientsDone(50);

        CommittedBatch batch = net.committed.get(3).get(0);
        QuorumCertificate certificate = QuorumCertificate.decode(batch.certificate().encode());
        assertEquals(batch.sequence(), certificate.sequence());
        assertTrue(certificate.verify(publicKeys, 3), "2f+1 Ed25519 commit signatures over (v, n, d)");
        Map<Integer, byte[]> otherKeys = new HashMap<>(publicKeys);
        otherKeys.put(certificate.signatures().firstKey(), SignatureScheme.ED25519.generateKeyPair(random).publicKey());
        assertFalse(certificate.verify(otherKeys, 3), "a different key for one signer breaks it");
    }
}
