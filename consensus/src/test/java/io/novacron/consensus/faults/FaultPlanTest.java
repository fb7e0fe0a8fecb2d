package io.novacron.consensus.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading a fault plan from configuration keys: every value in range is taken, every other one named in one line. */
class FaultPlanTest {

    @Test
    void readsEveryKey() {
        FaultPlan plan = FaultPlan.parse(Map.of("drop-rate", "0.2", "duplicate-rate", "0.1", "corrupt-rate", "1",
                "delay-ms", "50", "delay-jitter-ms", "20", "equivocate", "TRUE", "seed", "-42"));
        assertEquals(new FaultPlan(0.2, 0.1, 1.0, 50, 20, true, -42), plan);
        assertTrue(plan.isActive());
        assertTrue(plan.delays());
    }

    @Test
    void absentKeysMeanNoSuchFault() {
        FaultPlan plan = FaultPlan.parse(Map.of("drop-rate", " 0.5 ", "seed", "7"));
        assertEquals(new FaultPlan(0.5, 0, 0, 0, 0, false, 7), plan);
        assertFalse(plan.delays());
    }

    @Test
    void anEmptyConfigurationIsInactiveLikeNone() {
        assertFalse(FaultPlan.parse(Map.of()).isActive());
        assertFalse(FaultPlan.none().isActive());
        assertEquals("no faults", FaultPlan.none().describe());
    }

    @Test
    void describeNamesEveryKeySoTheLineReplaysTheRun() {
        FaultPlan plan = new FaultPlan(0.25, 0, 0.5, 100, 0, false, 99);
        assertEquals("drop-rate=0.25 duplicate-rate=0.0 corrupt-rate=0.5 delay-ms=100 delay-jitter-ms=0"
                + " equivocate=false seed=99", plan.describe());
        Map<String, String> replay = new HashMap<>();
        for (String pair : plan.describe().split(" ")) {
            String[] keyValue = pair.split("=");
            replay.put(keyValue[0], keyValue[1]);
        }
        assertEquals(plan, FaultPlan.parse(replay));
    }

    @Test
    void withoutASeedOneIsDrawnAndShown() {
        FaultPlan plan = FaultPlan.parse(Map.of("equivocate", "true"));
        assertTrue(plan.describe().endsWith("seed=" + plan.seed()), plan.describe());
    }

    @Test
    void eachActiveFaultAloneMakesThePlanActive() {
        assertTrue(new FaultPlan(0.01, 0, 0, 0, 0, false, 1).isActive());
        assertTrue(new FaultPlan(0, 0.01, 0, 0, 0, false, 1).isActive());
        assertTrue(new FaultPlan(0, 0, 0.01, 0, 0, false, 1).isActive());
        assertTrue(new FaultPlan(0, 0, 0, 1, 0, false, 1).isActive());
        assertTrue(new FaultPlan(0, 0, 0, 0, 1, false, 1).isActive());
        assertTrue(new FaultPlan(0, 0, 0, 0, 0, true, 1).isActive());
        assertFalse(new FaultPlan(0, 0, 0, 0, 0, false, 1).isActive());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "drop-rate|1.5|drop-rate='1.5' is invalid: must be a probability from 0 to 1",
            "drop-rate|-0.1|drop-rate='-0.1' is invalid: must be a probability from 0 to 1",
            "duplicate-rate|NaN|duplicate-rate='NaN' is invalid: must be a probability from 0 to 1",
            "corrupt-rate|half|corrupt-rate='half' is invalid: must be a probability from 0 to 1",
            "corrupt-rate|Infinity|corrupt-rate='Infinity' is invalid: must be a probability from 0 to 1",
            "delay-ms|-1|delay-ms='-1' is invalid: must be whole milliseconds from 0 to 3600000",
            "delay-ms|2.5|delay-ms='2.5' is invalid: must be whole milliseconds from 0 to 3600000",
            "delay-jitter-ms|3600001|delay-jitter-ms='3600001' is invalid: must be whole milliseconds from 0 to"
                    + " 3600000",
            "delay-jitter-ms|''|delay-jitter-ms='' is invalid: must be whole milliseconds from 0 to 3600000",
            "equivocate|yes|equivocate='yes' is invalid: must be true or false",
            "seed|0x10|seed='0x10' is invalid: must be a whole number from -9223372036854775808 to"
                    + " 9223372036854775807",
            "dorp-rate|0.1|unknown fault key 'dorp-rate': accepted keys are drop-rate, duplicate-rate, corrupt-rate,"
                    + " delay-ms, delay-jitter-ms, equivocate, seed",
    })
    void aBadValueIsRejectedInOneLineNamingTheKeyAndTheRange(String key, String value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FaultPlan.parse(Map.of(key, value)));
        assertEquals(message, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void theConstructorChecksRangesToo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FaultPlan(0, 2, 0, 0, 0, false, 0));
        assertEquals("duplicate-rate='2.0' is invalid: must be a probability from 0 to 1", e.getMessage());
    }
}
