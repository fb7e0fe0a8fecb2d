package io.novacron.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditPageTest {

    @ParameterizedTest(name = "page={0} size={1} total={2}")
    @CsvSource({
        "0, 50, 0,   0,  false",
        "0, 50, 50,  1,  false",
        "0, 50, 51,  2,  true",
        "1, 50, 101, 3,  true",
        "2, 50, 101, 3,  false",
        "9, 2,  7,   4,  false",
    })
    void countsPages(int page, int size, long total, long totalPages, boolean hasNext) {
        AuditPage p = new AuditPage(List.of(), page, size, total);
        assertEquals(totalPages, p.totalPages());
        assertEquals(hasNext, p.hasNext());
    }

    @Test
    void itemsAreACopy() {
        List<AuditRecord> items = new ArrayList<>();
        AuditPage p = new AuditPage(items, 0, 10, 0);
        items.add(new AuditRecord());
        assertEquals(0, p.items().size());
        assertThrows(UnsupportedOperationException.class, () -> p.items().add(new AuditRecord()));
    }

    @Test
    void rejectsAPageThatContradictsItself() {
        assertThrows(IllegalArgumentException.class, () -> new AuditPage(List.of(), 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new AuditPage(List.of(), 0, 10, -1));
        assertThrows(IllegalArgumentException.class,
                () -> new AuditPage(List.of(new AuditRecord(), new AuditRecord()), 0, 1, 2));
    }
}
