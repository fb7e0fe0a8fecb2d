package io.novacron.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuditEntryTest {

    private static AuditEntry valid() {
        return new AuditEntry("alice", "HOST_REGISTER", "HOST", "h-1", AuditOutcome.SUCCESS, "ok", null,
                AuditDigest.of("x"));
    }

    private static AuditEntry with(String actor, String action, String targetType, String targetId,
                                   AuditOutcome outcome, String before, String after) {
        return new AuditEntry(actor, action, targetType, targetId, outcome, null, before, after);
    }

    static Stream<Arguments> badEntries() {
        String x = "x";
        return Stream.of(
                Arguments.of("actor", (Executable) () -> with(null, x, x, x, AuditOutcome.SUCCESS, null, null)),
                Arguments.of("actor", (Executable) () -> with(" ", x, x, x, AuditOutcome.SUCCESS, null, null)),
                Arguments.of("actor", (Executable) () -> with("a".repeat(129), x, x, x, AuditOutcome.SUCCESS, null, null)),
                Arguments.of("action", (Executable) () -> with(x, "", x, x, AuditOutcome.SUCCESS, null, null)),
                Arguments.of("action", (Executable) () -> with(x, "a".repeat(65), x, x, AuditOutcome.SUCCESS, null, null)),
                Arguments.of("targetType", (Executable) () -> with(x, x, null, x, AuditOutcome.SUCCESS, null, null)),
                Arguments.of("targetType", (Executable) () -> with(x, x, "a".repeat(65), x, AuditOutcome.SUCCESS, null, null)),
                Arguments.of("targetId", (Executable) () -> with(x, x, x, "\t", AuditOutcome.SUCCESS, null, null)),
                Arguments.of("targetId", (Executable) () -> with(x, x, x, "a".repeat(129), AuditOutcome.SUCCESS, null, null)),
                Arguments.of("outcome", (Executable) () -> with(x, x, x, x, null, null, null)),
                Arguments.of("beforeDigest", (Executable) () -> with(x, x, x, x, AuditOutcome.SUCCESS, "d".repeat(81), null)),
                Arguments.of("afterDigest", (Executable) () -> with(x, x, x, x, AuditOutcome.SUCCESS, null, "d".repeat(81))));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("badEntries")
    void rejectsBadFieldNamingIt(String field, Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().startsWith(field + " "), e.getMessage());
    }

    @Test
    void acceptsFieldsAtTheirColumnSize() {
        AuditEntry e = new AuditEntry("a".repeat(128), "b".repeat(64), "c".repeat(64), "d".repeat(128),
                AuditOutcome.FAILED, "e".repeat(1024), "f".repeat(80), "g".repeat(80));
        assertEquals("e".repeat(1024), e.detail());
    }

    @Test
    void cutsLongDetailToTheColumnWithAnEllipsis() {
        String detail = new AuditEntry("a", "b", "c", "d", AuditOutcome.FAILED, "x".repeat(5000), null, null).detail();
        assertEquals(1024, detail.length());
        assertEquals("x".repeat(1023) + "\u2026", detail);
    }

    @Test
    void neverSplitsASurrogatePairWhenCutting() {
        String detail = new AuditEntry("a", "b", "c", "d", AuditOutcome.FAILED, "x".repeat(1022) + "😀".repeat(10),
                null, null).detail();
        assertEquals("x".repeat(1022) + "\u2026", detail);
    }

    @Test
    void optionalFieldsMayBeNull() {
        AuditEntry e = new AuditEntry("a", "b", "c", "d", AuditOutcome.REJECTED, null, null, null);
        assertNull(e.detail());
        assertEquals(valid(), valid());
    }
}
