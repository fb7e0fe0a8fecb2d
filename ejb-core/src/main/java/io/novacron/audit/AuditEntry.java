package io.novacron.audit;

/**
 * What a caller wants recorded about one attempted action: who, what, on which object, how it
 * ended, and digests of the object before and after.
 * It is the only thing callers build; the trail adds the time and the node, so no caller can
 * backdate a record or claim to be another node. Values are checked here, against the column sizes
 * of {@code audit_record}, so a bad entry fails at the caller's line rather than at flush time.
 *
 * @param actor        authenticated principal name, or {@code "system"}; required, at most 128 chars
 * @param action       stable dotted verb such as {@code host.register}; required, at most 64 chars
 * @param targetType   kind of object acted on, such as {@code host}; required, at most 64 chars
 * @param targetId     identifier of that object; required, at most 128 chars
 * @param outcome      how the action ended; required
 * @param detail       free text for humans (reason, error); optional, cut to 1024 chars with a
 *                     trailing ellipsis because losing the record over a long message would be worse
 * @param beforeDigest {@link AuditDigest#of} the object before, null if it did not exist; at most 80 chars
 * @param afterDigest  {@link AuditDigest#of} the object after, null if it does not exist; at most 80 chars
 */
public record AuditEntry(String actor, String action, String targetType, String targetId, AuditOutcome outcome,
                         String detail, String beforeDigest, String afterDigest) {

    /** Column size of {@code actor}. */
    public static final int ACTOR_CHARS_MAX = 128;
    /** Column size of {@code action}. */
    public static final int ACTION_CHARS_MAX = 64;
    /** Column size of {@code target_type}. */
    public static final int TARGET_TYPE_CHARS_MAX = 64;
    /** Column size of {@code target_id}. */
    public static final int TARGET_ID_CHARS_MAX = 128;
    /** Column size of {@code detail}; longer details are cut. */
    public static final int DETAIL_CHARS_MAX = 1024;
    /** Column size of {@code before_digest} and {@code after_digest}. */
    public static final int DIGEST_CHARS_MAX = 80;

    /** Validates every field; throws {@link IllegalArgumentException} naming the first bad one. */
    public AuditEntry {
        requireText("actor", actor, ACTOR_CHARS_MAX);
        requireText("action", action, ACTION_CHARS_MAX);
        requireText("targetType", targetType, TARGET_TYPE_CHARS_MAX);
        requireText("targetId", targetId, TARGET_ID_CHARS_MAX);
        if (outcome == null) {
            throw new IllegalArgumentException("outcome is required");
        }
        requireAtMost("beforeDigest", beforeDigest, DIGEST_CHARS_MAX);
        requireAtMost("afterDigest", afterDigest, DIGEST_CHARS_MAX);
        detail = cut(detail);
    }

    private static void requireText(String name, String value, int charsMax) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required and must not be blank");
        }
        requireAtMost(name, value, charsMax);
    }

    private static void requireAtMost(String name, String value, int charsMax) {
        if (value != null && value.length() > charsMax) {
            throw new IllegalArgumentException(name + " has " + value.length() + " chars; at most " + charsMax
                    + " allowed");
        }
    }

    private static String cut(String detail) {
        if (detail == null || detail.length() <= DETAIL_CHARS_MAX) {
            return detail;
        }
        int end = DETAIL_CHARS_MAX - 1;
        if (Character.isHighSurrogate(detail.charAt(end - 1))) {
            end--; // never split a surrogate pair
        }
        return detail.substring(0, end) + '\u2026';
    }
}
