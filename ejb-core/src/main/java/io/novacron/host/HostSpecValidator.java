package io.novacron.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks every field of a {@link HostSpec} and reports all violations at once, so an operator fixes a
 * form in one round. Plain Java (no Bean Validation) because the rules are few, cross-field-free and
 * their messages are part of the API.
 */
public final class HostSpecValidator {

    public static final int VCPUS_MIN = 1;
    public static final int VCPUS_MAX = 4096;
    public static final long MEMORY_MIB_MIN = 256;
    public static final long MEMORY_MIB_MAX = 16L * 1024 * 1024;
    public static final int LABELS_MAX = 32;
    public static final int LABEL_VALUE_LENGTH_MAX = 128;

    /** A lowercase DNS label: what names, regions and sites look like. */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern LABEL_KEY = Pattern.compile("[a-z0-9]([a-z0-9._/-]{0,61}[a-z0-9])?");
    private static final Pattern HOST_NAME_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final String DNS_LABEL_RULE =
            "must be 1-63 lowercase letters, digits or '-', starting and ending with a letter or digit";

    private HostSpecValidator() {
    }

    /** All violations of the spec, empty when it is valid; a null spec is one violation. */
    public static List<FieldViolation> violations(HostSpec spec) {
        List<FieldViolation> out = new ArrayList<>();
        if (spec == null) {
            out.add(new FieldViolation("body", "a host specification is required"));
            return out;
        }
        dnsLabel(out, "name", spec.name());
        dnsLabel(out, "region", spec.region());
        dnsLabel(out, "site", spec.site());
        address(out, spec.address());
        range(out, "vcpus", spec.vcpus() == null ? null : spec.vcpus().longValue(), VCPUS_MIN, VCPUS_MAX);
        range(out, "memoryMib", spec.memoryMib(), MEMORY_MIB_MIN, MEMORY_MIB_MAX);
        labels(out, spec.labels());
        return out;
    }

    /** Throws {@link HostValidationException} listing every violation, if there is any. */
    public static HostSpec requireValid(HostSpec spec) {
        List<FieldViolation> found = violations(spec);
        if (!found.isEmpty()) {
            throw new HostValidationException(found);
        }
        return spec;
    }

    private static void dnsLabel(List<FieldViolation> out, String field, String value) {
        if (value == null || value.isBlank()) {
            out.add(new FieldViolation(field, "must not be blank"));
        } else if (!DNS_LABEL.matcher(value).matches()) {
            out.add(new FieldViolation(field, DNS_LABEL_RULE));
        }
    }

    private static void address(List<FieldViolation> out, String value) {
        if (value == null || value.isBlank()) {
            out.add(new FieldViolation("address", "must not be blank"));
        } else if (!isIpAddress(value) && !isHostName(value)) {
            out.add(new FieldViolation("address", "must be an IPv4 or IPv6 address or a DNS host name"));
        }
    }

    static boolean isIpAddress(String value) {
        if (IPV4.matcher(value).matches()) {
            return true;
        }
        if (!value.contains(":") || !IPV6_CHARS.matcher(value).matches()) {
            return false;
        }
        try {
            // A literal containing ':' is parsed, never looked up, by InetAddress.
            return java.net.InetAddress.getByName(value) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    static boolean isHostName(String value) {
        if (value.length() > 253) {
            return false;
        }
        String[] labels = value.endsWith(".") ? value.substring(0, value.length() - 1).split("\\.", -1)
                : value.split("\\.", -1);
        for (String label : labels) {
            if (!HOST_NAME_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        // An all-numeric last label is a mistyped IPv4 address, not a name (RFC 3696 section 2).
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    private static void range(List<FieldViolation> out, String field, Long value, long min, long max) {
        if (value == null) {
            out.add(new FieldViolation(field, "is required"));
        } else if (value < min || value > max) {
            out.add(new FieldViolation(field, "must be between " + min + " and " + max));
        }
    }

    private static void labels(List<FieldViolation> out, Map<String, String> labels) {
        if (labels == null) {
            return;
        }
        if (labels.size() > LABELS_MAX) {
            out.add(new FieldViolation("labels", "at most " + LABELS_MAX + " labels are allowed"));
            return;
        }
        labels.forEach((key, value) -> {
            if (key == null || !LABEL_KEY.matcher(key).matches()) {
                out.add(new FieldViolation("labels", "label key '" + key + "' must be 1-63 lowercase letters,"
                        + " digits or '.', '_', '/', '-', starting and ending with a letter or digit"));
            } else if (value == null || value.length() > LABEL_VALUE_LENGTH_MAX
                    || value.chars().anyMatch(Character::isISOControl)) {
                out.add(new FieldViolation("labels", "label '" + key + "' needs a value of at most "
                        + LABEL_VALUE_LENGTH_MAX + " printable characters"));
            }
        });
    }
}
