package io.novacron.crypto;

/**
 * A private/public key pair in raw encoding (Ed25519: 32-byte seed and 32-byte point; ML-DSA-87: BC's encodings).
 * <p>
 * Raw encodings, not X.509/PKCS#8, because keys travel in membership records and certificates where every byte
 * counts and no ASN.1 parser should be needed to check a vote.
 */
public record SigningKeyPair(SignatureScheme scheme, byte[] privateKey, byte[] publicKey) {

    /** Returns a signer using this pair's private key. */
    public Signer signer() {
        return scheme.signer(privateKey);
    }
}
