package io.novacron.crypto;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * The public keys of a set of members (replicas or clients), one scheme for all, usable as a
 * {@link SignatureVerifier}.
 * <p>
 * Immutable: a membership change builds a new ring, so a core never sees keys change under a message it is
 * checking.
 */
public final class KeyRing implements SignatureVerifier {

    private final SignatureScheme scheme;
    private final Map<Long, BiPredicate<byte[], byte[]>> verifiers;

    /** Creates a ring over the given raw public keys, each parsed once. */
    public KeyRing(SignatureScheme scheme, Map<? extends Number, byte[]> publicKeys) {
        this.scheme = scheme;
        Map<Long, BiPredicate<byte[], byte[]>> parsed = new HashMap<>();
        publicKeys.forEach((id, key) -> parsed.put(id.longValue(), scheme.verifierFor(key.clone())));
        this.verifiers = Map.copyOf(parsed);
    }

    @Override
    public boolean verify(long signerId, byte[] message, byte[] signature) {
        BiPredicate<byte[], byte[]> verifier = verifiers.get(signerId);
        return verifier != null && verifier.test(message, signature);
    }

    /** Returns the scheme of every key in this ring. */
    public SignatureScheme scheme() {
        return scheme;
    }
}
