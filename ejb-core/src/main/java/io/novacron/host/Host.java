package io.novacron.host;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A hypervisor host as the cluster has agreed it to be; the value stored in the replicated grid.
 * A class rather than a record because Ignite's binary marshaller cannot write record fields;
 * instances are immutable all the same.
 */
public final class Host implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String id;
    private final String name;
    private final String region;
    private final String site;
    private final String address;
    private final int vcpus;
    private final long memoryMib;
    private final TreeMap<String, String> labels;
    private final HostState state;
    private final long version;
    private final long createdAtEpochMs;
    private final long updatedAtEpochMs;

    private Host(String id, HostSpec spec, long version, long createdAtEpochMs, long updatedAtEpochMs) {
        this.id = id;
        this.name = spec.name();
        this.region = spec.region();
        this.site = spec.site();
        this.address = spec.address();
        this.vcpus = spec.vcpus();
        this.memoryMib = spec.memoryMib();
        this.labels = new TreeMap<>(spec.labelsOrEmpty());
        this.state = spec.stateOrDefault();
        this.version = version;
        this.createdAtEpochMs = createdAtEpochMs;
        this.updatedAtEpochMs = updatedAtEpochMs;
    }

    /** A new host, version 1, from a spec that has passed {@link HostSpecValidator}. */
    public static Host register(String id, HostSpec spec, Instant now) {
        return new Host(id, spec, 1, now.toEpochMilli(), now.toEpochMilli());
    }

    /** A host exactly as recorded elsewhere (a snapshot of the agreed state), for {@link HostRecordCodec}. */
    static Host restore(String id, HostSpec spec, long version, long createdAtEpochMs, long updatedAtEpochMs) {
        return new Host(id, spec, version, createdAtEpochMs, updatedAtEpochMs);
    }

    /** The writable fields as a spec, labels and state included. */
    HostSpec spec() {
        return new HostSpec(name, region, site, address, vcpus, memoryMib, labels, state);
    }

    /** Milliseconds since the epoch, as stored. */
    long createdAtEpochMs() {
        return createdAtEpochMs;
    }

    long updatedAtEpochMs() {
        return updatedAtEpochMs;
    }

    /** This host changed to the spec, one version later. */
    public Host update(HostSpec spec, Instant now) {
        return new Host(id, spec, version + 1, createdAtEpochMs, now.toEpochMilli());
    }

    /**
     * A stable text form of everything an operator set, with labels in key order; the audit digest is
     * taken over it, so it must never depend on map order or locale.
     */
    public String canonicalForm() {
        String labelText = labels.entrySet().stream()
                .map(e -> escape(e.getKey()) + "=" + escape(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
        return "host{id=" + escape(id) + ";name=" + escape(name) + ";region=" + escape(region)
                + ";site=" + escape(site) + ";address=" + escape(address) + ";vcpus=" + vcpus
                + ";memoryMib=" + memoryMib + ";labels=" + labelText + ";state=" + state
                + ";version=" + version + "}";
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("=", "\\=")
                .replace("{", "\\{").replace("}", "\\}");
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getRegion() {
        return region;
    }

    public String getSite() {
        return site;
    }

    public String getAddress() {
        return address;
    }

    public int getVcpus() {
        return vcpus;
    }

    public long getMemoryMib() {
        return memoryMib;
    }

    public Map<String, String> getLabels() {
        return Collections.unmodifiableMap(labels);
    }

    public HostState getState() {
        return state;
    }

    public long getVersion() {
        return version;
    }

    public Instant getCreatedAt() {
        return Instant.ofEpochMilli(createdAtEpochMs);
    }

    public Instant getUpdatedAt() {
        return Instant.ofEpochMilli(updatedAtEpochMs);
    }

    @Override
    public String toString() {
        return canonicalForm();
    }
}
