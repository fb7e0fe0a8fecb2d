package io.novacron.crypto;

/**
 * Something that signs byte strings with one member's private key.
 * <p>
 * It is an interface so protocol cores never hold key material directly and the simulator can inject cheap
 * deterministic fakes or deliberately broken signers (forged or invalid signatures).
 */
public interface Signer {

    /** Returns the signature of {@code message}; never null. */
    byte[] sign(byte[] message);

    /** Returns the scheme this signer produces, so certificates can record it. */
    SignatureScheme scheme();
}
