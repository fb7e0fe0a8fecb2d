package io.novacron.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * SHA-256 over one or more byte strings, the only digest the consensus protocols use.
 * <p>
 * Each part is length-prefixed so that ("ab","c") and ("a","bc") never collide, which matters when digests
 * stand for structured messages.
 */
public final class Digests {

    /** Size of a SHA-256 digest in bytes. */
    public static final int SHA256_BYTES = 32;

    private Digests() {
    }

    /** Returns SHA-256 of the length-prefixed concatenation of {@code parts}. */
    public static byte[] sha256(byte[]... parts) {
        SHA256Digest digest = new SHA256Digest();
        for (byte[] part : parts) {
            int length = part.length;
            digest.update((byte) (length >>> 24));
            digest.update((byte) (length >>> 16));
            digest.update((byte) (length >>> 8));
            digest.update((byte) length);
            digest.update(part, 0, length);
        }
        byte[] out = new byte[SHA256_BYTES];
        digest.doFinal(out, 0);
        return out;
    }
}
