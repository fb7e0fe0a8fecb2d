package io.novacron.host;

import java.util.Map;

/**
 * What a caller asks a host to be: the writable fields of a {@link Host}. Boxed numbers and a nullable
 * state let validation tell "missing" from "zero"; {@link HostSpecValidator} checks every field.
 */
public record HostSpec(
        String name,
        String region,
        String site,
        String address,
        Integer vcpus,
        Long memoryMib,
        Map<String, String> labels,
        HostState state) {

    /** The state to store: ACTIVE when the caller named none. */
    public HostState stateOrDefault() {
        return state == null ? HostState.ACTIVE : state;
    }

    /** The labels to store: never null. */
    public Map<String, String> labelsOrEmpty() {
        return labels == null ? Map.of() : labels;
    }
}
