package io.novacron.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class SignatureSchemeTest {

    private static final byte[] MESSAGE = "pre-prepare v=0 n=1".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void signsAndVerifiesAndRejectsTampering(SignatureScheme scheme) {
        SigningKeyPair pair = scheme.generateKeyPair(new SecureRandom());
        assertEquals(scheme.publicKeyBytes(), pair.publicKey().length);
        byte[] signature = pair.signer().sign(MESSAGE);
        assertEquals(scheme.signatureBytes(), signature.length);
        assertTrue(scheme.verify(pair.publicKey(), MESSAGE, signature));

        byte[] tampered = signature.clone();
        tampered[3] ^= 1;
        assertFalse(scheme.verify(pair.publicKey(), MESSAGE, tampered));
        assertFalse(scheme.verify(pair.publicKey(), "other".getBytes(StandardCharsets.US_ASCII), signature));
        SigningKeyPair other = scheme.generateKeyPair(new SecureRandom());
        assertFalse(scheme.verify(other.publicKey(), MESSAGE, signature));
        assertFalse(scheme.verify(pair.publicKey(), MESSAGE, new byte[3]), "malformed signature is false, not an exception");
    }

    @Test
    void keyRingVerifiesByIdAndRejectsUnknownIds() {
        SigningKeyPair pair = SignatureScheme.ED25519.generateKeyPair(new SecureRandom());
        KeyRing ring = new KeyRing(SignatureScheme.ED25519, Map.of(7, pair.publicKey()));
        byte[] signature = pair.signer().sign(MESSAGE);
        assertTrue(ring.verify(7, MESSAGE, signature));
        assertFalse(ring.verify(8, MESSAGE, signature));
    }

    @Test
    void digestIsLengthPrefixedSoSplitsDoNotCollide() {
        byte[] ab = "ab".getBytes(StandardCharsets.US_ASCII);
        byte[] c = "c".getBytes(StandardCharsets.US_ASCII);
        byte[] a = "a".getBytes(StandardCharsets.US_ASCII);
        byte[] bc = "bc".getBytes(StandardCharsets.US_ASCII);
        assertEquals(32, Digests.sha256(ab, c).length);
        assertFalse(java.util.Arrays.equals(Digests.sha256(ab, c), Digests.sha256(a, bc)));
        assertArrayEquals(Digests.sha256(ab, c), Digests.sha256(ab, c));
    }

    @Test
    void digestEncodingIsStableAcrossImplementations() {
        // SHA-256 of 00000003 'abc' 00000000, computed independently (Python's hashlib): digests are on the wire
        // and in certificates, so a change of SHA-256 implementation must not change them.
        byte[] expected = java.util.HexFormat.of()
                .parseHex("2ddb14a1438cb06f0658085e174f50efba5cfb97b27cfcc9d5c69735e9602e1e");
        assertArrayEquals(expected, Digests.sha256("abc".getBytes(StandardCharsets.US_ASCII), new byte[0]));
    }
}
