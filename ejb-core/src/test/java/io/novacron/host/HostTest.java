package io.novacron.host;

import io.novacron.audit.AuditDigest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The canonical form the audit digest is taken over, and versioning of changes. */
class HostTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

    @Test
    void theCanonicalFormIsStableAndIndependentOfLabelOrder() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");
        Host first = Host.register("id-1", spec("hv-01", ab), T0);
        Host second = Host.register("id-1", spec("hv-01", ba), T0.plusSeconds(5));
        assertEquals("host{id=id-1;name=hv-01;region=eu-west;site=dc-1;address=10.0.0.5;vcpus=8;memoryMib=1024;"
                + "labels={a=1,b=2};state=ACTIVE;version=1}", first.canonicalForm());
        assertEquals(AuditDigest.of(first.canonicalForm()), AuditDigest.of(second.canonicalForm()),
                "timestamps and label order do not change the digest");
    }

    @Test
    void separatorsInsideValuesCannotForgeAnotherHost() {
        Host tricky = Host.register("id-1", spec("hv-01", Map.of("a", "1,b=2")), T0);
        Host plain = Host.register("id-1", spec("hv-01", Map.of("a", "1", "b", "2")), T0);
        assertNotEquals(tricky.canonicalForm(), plain.canonicalForm());
    }

    @Test
    void anUpdateKeepsIdentityAndCreationAndIncrementsTheVersion() {
        Host registered = Host.register("id-1", spec("hv-01", Map.of()), T0);
        Host updated = registered.update(spec("hv-02", Map.of()), T0.plusSeconds(60));
        assertEquals("id-1", updated.getId());
        assertEquals("hv-02", updated.getName());
        assertEquals(2, updated.getVersion());
        assertEquals(T0, updated.getCreatedAt());
        assertEquals(T0.plusSeconds(60), updated.getUpdatedAt());
        assertEquals(HostState.ACTIVE, updated.getState());
    }

    private static HostSpec spec(String name, Map<String, String> labels) {
        return new HostSpec(name, "eu-west", "dc-1", "10.0.0.5", 8, 1024L, labels, null);
    }
}
