package io.novacron.transport.tcp.jca;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnectionFactory;

/** The connection manager outside a container (JCA 2.1 §6.5.3.3 non-managed use): no pool, a handle per call. */
final class DirectConnectionManager implements ConnectionManager {

    private static final long serialVersionUID = 1L;

    @Override
    public Object allocateConnection(ManagedConnectionFactory mcf, ConnectionRequestInfo info) throws ResourceException {
        return mcf.createManagedConnection(null, info).getConnection(null, info);
    }
}
