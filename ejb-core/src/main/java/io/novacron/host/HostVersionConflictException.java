package io.novacron.host;

import jakarta.ejb.ApplicationException;

/** The host changed since the caller read it; the caller must read it again and reapply its change. */
@ApplicationException(rollback = true)
public class HostVersionConflictException extends RuntimeException {

    public HostVersionConflictException(String hostId, long expectedVersion, long currentVersion) {
        super("Host " + hostId + " is at version " + currentVersion + ", not " + expectedVersion
                + "; read it again and reapply the change");
    }
}
