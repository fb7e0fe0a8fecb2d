package io.novacron.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 over one or more byte strings, the only digest the consensus protocols use.
 * <p>
 * Each part is length-prefixed so that ("ab","c") and ("a","bc") never collide, which matters when digests
 * stand for structured messages. The JDK's SHA-256 rather than Bouncy Castle's: HotSpot compiles it to the CPU's
 * SHA instructions where present, about five times faster on 1 KiB requests, which PBFT hashes on every replica.
 */
public final class Digests {

    /** Size of a SHA-256 digest in bytes. */
    public static final int SHA256_BYTES = 32;

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    });

    private Digests() {
    }

    /** Returns SHA-256 of the length-prefixed concatenation of {@code parts}. */
    public static byte[] sha256(byte[]... parts) {
        MessageDigest digest = SHA256.get();
        byte[] prefix = new byte[4];
        for (byte[] part : parts) {
            int length = part.length;
            prefix[0] = (byte) (length >>> 24);
            prefix[1] = (byte) (length >>> 16);
            prefix[2] = (byte) (length >>> 8);
            prefix[3] = (byte) length;
            digest.update(prefix);
            digest.update(part, 0, length);
        }
        return digest.digest(); // also resets it for the next call on this thread
    }
}
