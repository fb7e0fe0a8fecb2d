package io.novacron.replication;

import io.novacron.consensus.faults.FaultPlan;
import org.eclipse.microprofile.config.Config;

import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Reads the fault-injection plan for system tests from {@code novacron.test.faults.<key>} (keys of
 * {@link FaultPlan}) and refuses it unless {@value #TEST_ONLY_KEY}{@code =true} is also set: a server that drops,
 * corrupts or equivocates on purpose must never be the result of one stray property.
 */
final class TestFaults {

    static final String PREFIX = "novacron.test.faults.";
    static final String TEST_ONLY_KEY = PREFIX + "test-only";
    private static final Logger LOG = Logger.getLogger(TestFaults.class.getName());

    private TestFaults() {
    }

    /**
     * @throws IllegalArgumentException with one line: a bad value, or faults configured without the switch
     */
    static FaultPlan read(Config config) {
        Map<String, String> values = new HashMap<>();
        // Key by key rather than by prefix scan, so environment variables (NOVACRON_TEST_FAULTS_DROP_RATE) count.
        for (String key : FaultPlan.KEYS) {
            config.getOptionalValue(PREFIX + key, String.class).filter(v -> !v.isBlank())
                    .ifPresent(value -> values.put(key, value.trim()));
        }
        if (values.isEmpty()) {
            return FaultPlan.none();
        }
        FaultPlan plan;
        try {
            plan = FaultPlan.parse(values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid configuration " + PREFIX + e.getMessage(), e);
        }
        if (!plan.isActive()) {
            return plan;
        }
        if (!config.getOptionalValue(TEST_ONLY_KEY, Boolean.class).orElse(false)) {
            throw new IllegalArgumentException("Refusing to start: " + PREFIX + "* injects faults into consensus ("
                    + plan.describe() + ") but " + TEST_ONLY_KEY + "=true is not set; fault injection is for tests"
                    + " only");
        }
        for (int i = 0; i < 3; i++) {
            LOG.severe("!!! FAULT INJECTION IS ON (tests only): this server's consensus frames: " + plan.describe()
                    + " !!!");
        }
        return plan;
    }
}
