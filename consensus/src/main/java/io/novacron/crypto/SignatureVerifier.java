package io.novacron.crypto;

/**
 * Checks a signature against the public key registered for a signer id (a replica id or a client id).
 * <p>
 * Keyed by id rather than by key so a core only ever needs to know the sender's id; an unknown id simply fails
 * verification, which is what makes "nothing unsigned changes state" easy to enforce.
 */
public interface SignatureVerifier {

    /**
     * Returns true only if {@code signature} is a valid signature of {@code message} under the key of
     * {@code signerId}; false (never an exception) for unknown ids and malformed signatures.
     */
    boolean verify(long signerId, byte[] message, byte[] signature);
}
