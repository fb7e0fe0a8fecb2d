package io.novacron.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digest of an object's canonical text form, as written to {@code before_digest} and
 * {@code after_digest}: {@code "sha256:"} followed by 64 lowercase hex digits.
 * Recording a digest rather than the object keeps the trail small and free of secrets while still
 * letting anyone holding the object prove which version an action saw and produced.
 */
public final class AuditDigest {

    /** The prefix naming the algorithm, so a later change of algorithm stays readable. */
    public static final String PREFIX = "sha256:";

    private AuditDigest() {
    }

    /**
     * Digest of the UTF-8 bytes of {@code canonicalForm}.
     *
     * @param canonicalForm the object's stable text form, or null when there is no state (before a
     *                      creation, after a removal)
     * @return {@code "sha256:<hex>"}, or null when {@code canonicalForm} is null
     */
    public static String of(String canonicalForm) {
        if (canonicalForm == null) {
            return null;
        }
        return PREFIX + HexFormat.of().formatHex(sha256().digest(canonicalForm.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code "sha256:<hex>"} of raw bytes (e.g. a quorum certificate too long to keep whole). */
    public static String ofBytes(byte[] bytes) {
        return PREFIX + HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE platform must provide SHA-256 (MessageDigest javadoc).
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }
}
