package io.novacron.host;

import jakarta.ejb.ApplicationException;

/** No host has the given id. Rolls back so a failed update or removal writes nothing. */
@ApplicationException(rollback = true)
public class HostNotFoundException extends RuntimeException {

    private final String hostId;

    public HostNotFoundException(String hostId) {
        super("No host with id " + hostId);
        this.hostId = hostId;
    }

    public String hostId() {
        return hostId;
    }
}
