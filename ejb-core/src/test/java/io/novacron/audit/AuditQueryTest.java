package io.novacron.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditQueryTest {

    private static final Instant T = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void defaultsToTheFirstPageOfEverything() {
        AuditQuery q = AuditQuery.all();
        assertEquals(new AuditQuery(null, null, null, null, null, null, 0, AuditQuery.SIZE_DEFAULT), q);
        assertEquals(0, q.firstResult());
    }

    @ParameterizedTest(name = "page={0} size={1}")
    @CsvSource({
        "-1, 50,  page",
        "0,  0,   size",
        "0,  -5,  size",
        "0,  501, size",
        "4294968, 500, page",
    })
    void rejectsBadPagingNamingTheParameter(int page, int size, String parameter) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditQuery.builder().page(page).size(size).build());
        assertTrue(e.getMessage().startsWith(parameter + " "), e.getMessage());
    }

    @ParameterizedTest(name = "page={0} size={1}")
    @CsvSource({"0, 1", "0, 500", "3, 20"})
    void acceptsPagingInRange(int page, int size) {
        AuditQuery q = AuditQuery.builder().page(page).size(size).build();
        assertEquals(page * size, q.firstResult());
    }

    @Test
    void nullPagingMeansDefaults() {
        AuditQuery q = AuditQuery.builder().page(null).size(null).build();
        assertEquals(0, q.page());
        assertEquals(AuditQuery.SIZE_DEFAULT, q.size());
    }

    @Test
    void rejectsToBeforeFrom() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditQuery.builder().from(T).to(T.minusNanos(1000)).build());
        assertTrue(e.getMessage().startsWith("to "), e.getMessage());
        assertEquals(T, AuditQuery.builder().from(T).to(T).build().to(), "an empty range is allowed");
    }

    @Test
    void blankTextFiltersAreAbsentAndOthersTrimmed() {
        AuditQuery q = AuditQuery.builder().actor(" ").action("").target(" h-1 ").build();
        assertNull(q.actor());
        assertNull(q.action());
        assertEquals("h-1", q.target());
    }

    @Test
    void outcomeByName() {
        assertEquals(AuditOutcome.REJECTED, AuditQuery.builder().outcomeNamed("REJECTED").build().outcome());
        assertNull(AuditQuery.builder().outcomeNamed(" ").build().outcome());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditQuery.builder().outcomeNamed("rejected"));
        assertEquals("outcome must be one of [SUCCESS, REJECTED, FAILED], was 'rejected'", e.getMessage());
    }
}
