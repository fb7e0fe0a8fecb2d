package io.novacron.host;

/** What a host is available for: new work, no new work while it is serviced, or nothing at all. */
public enum HostState {
    ACTIVE,
    MAINTENANCE,
    OFFLINE
}
