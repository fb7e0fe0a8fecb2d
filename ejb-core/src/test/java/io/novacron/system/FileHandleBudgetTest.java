package io.novacron.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class FileHandleBudgetTest {

    @Test
    void aLimitThatHoldsTheConnectionsAndTheServerIsFine() {
        assertEquals(Optional.empty(), FileHandleBudget.shortfall(20_000, 2_000));
        assertEquals(Optional.empty(), FileHandleBudget.shortfall(2_000 + FileHandleBudget.SERVER_RESERVE, 2_000));
    }

    @Test
    void anUnknownLimitIsNotReported() {
        assertEquals(Optional.empty(), FileHandleBudget.shortfall(-1, 2_000));
    }

    @Test
    void aLimitBelowConnectionsPlusReserveNamesBothNumbersAndTheKey() {
        String warning = FileHandleBudget.shortfall(1_024, 2_000).orElseThrow();
        assertTrue(warning.contains("1024") && warning.contains("4048")
                && warning.contains("novacron.http.max-open-connections"), warning);
    }
}
