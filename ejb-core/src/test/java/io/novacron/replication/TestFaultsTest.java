package io.novacron.replication;

import io.novacron.consensus.faults.FaultPlan;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestFaultsTest {

    /** The few Config methods TestFaults uses, over a map; String and Boolean values only. */
    private record MapConfig(Map<String, String> values) implements Config {
        @Override
        public <T> T getValue(String name, Class<T> type) {
            return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
        }

        @Override
        public ConfigValue getConfigValue(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
            return Optional.ofNullable(values.get(name))
                    .map(value -> type == Boolean.class ? type.cast(Boolean.valueOf(value)) : type.cast(value));
        }

        @Override
        public Iterable<String> getPropertyNames() {
            return values.keySet();
        }

        @Override
        public Iterable<ConfigSource> getConfigSources() {
            return List.of();
        }

        @Override
        public <T> Optional<Converter<T>> getConverter(Class<T> type) {
            return Optional.empty();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void noFaultKeysMeansNoFaults() {
        assertFalse(TestFaults.read(new MapConfig(Map.of("novacron.node.id", "node-1"))).isActive());
    }

    @Test
    void faultsWithoutTheTestOnlySwitchRefuseToStartInOneLine() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> TestFaults.read(
                new MapConfig(Map.of("novacron.test.faults.drop-rate", "0.5"))));
        assertTrue(refused.getMessage().startsWith("Refusing to start: novacron.test.faults.*"), refused.getMessage());
        assertTrue(refused.getMessage().contains("novacron.test.faults.test-only=true"), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"));

        assertThrows(IllegalArgumentException.class, () -> TestFaults.read(new MapConfig(Map.of(
                "novacron.test.faults.equivocate", "true", "novacron.test.faults.test-only", "false"))));
    }

    @Test
    void withTheSwitchThePlanIsRead() {
        FaultPlan plan = TestFaults.read(new MapConfig(Map.of("novacron.test.faults.corrupt-rate", "1",
                "novacron.test.faults.seed", "7", "novacron.test.faults.test-only", "true")));
        assertTrue(plan.isActive());
        assertEquals(1.0, plan.corruptRate());
        assertEquals(7, plan.seed());
    }

    @Test
    void aBadValueNamesTheFullKey() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> TestFaults.read(
                new MapConfig(Map.of("novacron.test.faults.drop-rate", "2", "novacron.test.faults.test-only",
                        "true"))));
        assertTrue(bad.getMessage().startsWith("Invalid configuration novacron.test.faults.drop-rate"),
                bad.getMessage());
    }
}
