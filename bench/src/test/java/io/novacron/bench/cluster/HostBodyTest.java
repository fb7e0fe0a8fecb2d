package io.novacron.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostBodyTest {

    /** The API's rule for names, regions and sites (api-guide.md, the host specification). */
    private static final String NAME_RULE = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";

    @Test
    void theBodyIsTheIssuesHostWithAUniqueNameAndAddress() {
        assertEquals("{\"name\":\"load-ab12-7\",\"region\":\"eu-west\",\"site\":\"dc-1\",\"address\":\"10.0.0.8\","
            + "\"vcpus\":64,\"memoryMib\":262144}", HostBody.json("ab12", 7));
    }

    @Test
    void namesFollowTheApiRuleEvenForTheLongestRunIdAndCounter() {
        String name = HostBody.name("abcdefghij0123456789", 999_999_999_999L);
        assertTrue(name.matches(NAME_RULE), name);
        assertTrue(name.length() <= 63, name);
    }

    @Test
    void addressesAreValidIpv4AndCountUp() {
        assertEquals("10.0.0.1", HostBody.address(0));
        assertEquals("10.0.0.254", HostBody.address(253));
        assertEquals("10.0.1.1", HostBody.address(254));
        assertEquals("10.1.0.1", HostBody.address(254L * 256));
        Set<String> seen = new HashSet<>();
        for (long n : new long[] {0, 1, 253, 254, 255, 65_535, 1_000_000, 16_646_143, 16_646_144, Long.MAX_VALUE}) {
            String[] octets = HostBody.address(n).split("\\.");
            assertEquals(4, octets.length);
            assertEquals("10", octets[0]);
            for (int i = 1; i < 4; i++) {
                int v = Integer.parseInt(octets[i]);
                assertTrue(v >= 0 && v <= 255, HostBody.address(n));
            }
            int last = Integer.parseInt(octets[3]);
            assertTrue(last >= 1 && last <= 254, HostBody.address(n));
        }
        for (int n = 0; n < 100_000; n++) {
            assertTrue(seen.add(HostBody.address(n)), "repeated at " + n);
        }
    }

    @Test
    void rejectsNegativeCounters() {
        assertThrows(IllegalArgumentException.class, () -> HostBody.name("r", -1));
        assertThrows(IllegalArgumentException.class, () -> HostBody.address(-1));
    }
}
