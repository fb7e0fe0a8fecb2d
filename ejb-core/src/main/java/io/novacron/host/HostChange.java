package io.novacron.host;

/**
 * The effect of one applied {@link HostCommand}: the host before (null for a registration) and after
 * (null for a removal). It is what the audit digests describe and what an undo restores.
 */
record HostChange(HostCommand command, Host before, Host after) {

    String hostId() {
        return after != null ? after.getId() : before.getId();
    }

    String hostName() {
        return after != null ? after.getName() : before.getName();
    }
}
