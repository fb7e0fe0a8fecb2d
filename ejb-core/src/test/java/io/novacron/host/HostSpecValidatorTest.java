package io.novacron.host;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostSpecValidatorTest {

    static HostSpec valid() {
        return new HostSpec("hv-01", "eu-west", "dc-1", "10.0.0.5", 64, 262_144L, Map.of("rack", "r1"), null);
    }

    @Test
    void aCompleteSpecIsValid() {
        assertEquals(List.of(), HostSpecValidator.violations(valid()));
    }

    @Test
    void everyMissingFieldIsReportedAtOnce() {
        HostSpec empty = new HostSpec(null, "", " ", null, null, null, null, null);
        List<String> fields = HostSpecValidator.violations(empty).stream().map(FieldViolation::field).toList();
        assertEquals(List.of("name", "region", "site", "address", "vcpus", "memoryMib"), fields);
    }

    @Test
    void aMissingBodyIsOneViolation() {
        assertEquals(List.of(new FieldViolation("body", "a host specification is required")),
                HostSpecValidator.violations(null));
    }

    @ParameterizedTest(name = "name {0} valid={1}")
    @CsvSource({
            "hv-01, true", "a, true", "HV-01, false", "-hv, false", "hv-, false", "hv_01, false", "'hv 01', false",
            "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij123, true",
            "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij1234, false"})
    void namesAreLowercaseDnsLabels(String name, boolean valid) {
        HostSpec spec = new HostSpec(name, "eu-west", "dc-1", "10.0.0.5", 1, 256L, null, null);
        assertEquals(valid, HostSpecValidator.violations(spec).isEmpty(), () -> HostSpecValidator.violations(spec).toString());
    }

    @ParameterizedTest(name = "address {0} valid={1}")
    @CsvSource({
            "10.0.0.5, true", "255.255.255.255, true", "256.1.1.1, false", "10.0.0, false", "1.2.3.4.5, false",
            "::1, true", "fe80::1:2, true", "2001:db8::, true", "2001:db8:::1, false", "gggg::1, false",
            "hv01.example.com, true", "hv01.example.com., true", "localhost, true", "-bad.example.com, false",
            "under_score.example, false", "999.1.1.1, false", "'a b', false"})
    void addressesAreIpLiteralsOrHostNames(String address, boolean valid) {
        HostSpec spec = new HostSpec("hv", "eu", "dc", address, 1, 256L, null, null);
        assertEquals(valid, HostSpecValidator.violations(spec).isEmpty(), address);
    }

    @ParameterizedTest(name = "vcpus {0}, memory {1} MiB valid={2}")
    @CsvSource({"1, 256, true", "4096, 16777216, true", "0, 256, false", "4097, 256, false",
            "1, 255, false", "1, 16777217, false"})
    void capacityHasBounds(int vcpus, long memoryMib, boolean valid) {
        HostSpec spec = new HostSpec("hv", "eu", "dc", "10.0.0.1", vcpus, memoryMib, null, null);
        assertEquals(valid, HostSpecValidator.violations(spec).isEmpty());
    }

    @Test
    void labelsAreBoundedInCountKeyAndValue() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < HostSpecValidator.LABELS_MAX + 1; i++) {
            many.put("k" + i, "v");
        }
        assertEquals("labels", only(withLabels(many)).field());
        assertTrue(only(withLabels(Map.of("Bad Key", "v"))).message().contains("label key 'Bad Key'"));
        assertTrue(only(withLabels(Map.of("k", "x".repeat(129)))).message().contains("at most 128"));
        assertTrue(only(withLabels(Map.of("k", "line\nbreak"))).message().contains("printable"));
        assertEquals(List.of(), HostSpecValidator.violations(withLabels(Map.of("topology.kubernetes.io/zone", "a"))));
    }

    @Test
    void requireValidThrowsWithEveryViolation() {
        HostValidationException e = assertThrows(HostValidationException.class,
                () -> HostSpecValidator.requireValid(new HostSpec("X", "eu", "dc", "10.0.0.1", 0, 256L, null, null)));
        assertEquals(List.of("name", "vcpus"), e.violations().stream().map(FieldViolation::field).toList());
    }

    private static HostSpec withLabels(Map<String, String> labels) {
        return new HostSpec("hv", "eu", "dc", "10.0.0.1", 1, 256L, labels, null);
    }

    private static FieldViolation only(HostSpec spec) {
        List<FieldViolation> found = HostSpecValidator.violations(spec);
        assertEquals(1, found.size(), found::toString);
        return found.get(0);
    }
}
