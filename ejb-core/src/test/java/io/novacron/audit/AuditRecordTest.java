package io.novacron.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AuditRecordTest {

    private static final AuditEntry ENTRY = new AuditEntry("alice", "HOST_UPDATE", "HOST", "h-1",
            AuditOutcome.SUCCESS, "detail", AuditDigest.of("a"), AuditDigest.of("b"));

    @Test
    void keepsTheEntryTheNodeAndTheTimeToTheMicrosecond() {
        AuditRecord r = AuditRecord.of(ENTRY, Instant.parse("2030-05-06T07:08:09.987654321Z"), "node-3");
        assertEquals(ENTRY, r.toEntry());
        assertEquals("node-3", r.getNodeId());
        assertEquals(Instant.parse("2030-05-06T07:08:09.987654Z"), r.getOccurredAt());
        assertNull(r.getId(), "assigned by the sequence at persist");
        assertNull(r.getLogIndex());
        assertNull(r.getCertificate());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"})
    void rejectsABadNodeId(String nodeId) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditRecord.of(ENTRY, Instant.EPOCH, nodeId));
        assertTrue(e.getMessage().startsWith("nodeId "), e.getMessage());
    }

    @Test
    void acceptsANodeIdAtTheColumnSize() {
        assertEquals(64, AuditRecord.of(ENTRY, Instant.EPOCH, "n".repeat(64)).getNodeId().length());
    }
}
