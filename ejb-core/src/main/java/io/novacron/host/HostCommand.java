package io.novacron.host;

/**
 * A change to the inventory as a value: what the single write path executes. Once consensus lands, this
 * is what gets proposed and, once committed, applied on every server.
 */
public sealed interface HostCommand {

    /** The audit action name, stable because audit filters and dashboards use it. */
    String action();

    record Register(HostSpec spec) implements HostCommand {
        public String action() {
            return "host.register";
        }
    }

    /** @param expectedVersion the version the caller last saw, or null to change whatever is there */
    record Update(String hostId, HostSpec spec, Long expectedVersion) implements HostCommand {
        public String action() {
            return "host.update";
        }
    }

    record Remove(String hostId) implements HostCommand {
        public String action() {
            return "host.remove";
        }
    }
}
