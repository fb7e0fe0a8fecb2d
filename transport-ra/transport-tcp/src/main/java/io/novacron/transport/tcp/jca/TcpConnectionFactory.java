package io.novacron.transport.tcp.jca;

import io.novacron.transport.TransportConnection;
import io.novacron.transport.TransportConnectionFactory;
import io.novacron.transport.TransportException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;

import javax.naming.Reference;

/** The JNDI-bound factory: asks the container's connection manager for a pooled handle. */
public final class TcpConnectionFactory implements TransportConnectionFactory {

    private static final long serialVersionUID = 1L;

    private final TcpManagedConnectionFactory mcf;
    private final ConnectionManager cm;
    private Reference reference;

    TcpConnectionFactory(TcpManagedConnectionFactory mcf, ConnectionManager cm) {
        this.mcf = mcf;
        this.cm = cm;
    }

    @Override
    public TransportConnection getConnection() {
        try {
            return (TransportConnection) cm.allocateConnection(mcf, null);
        } catch (ResourceException e) {
            throw new TransportException("no transport connection: " + e.getMessage(), e);
        }
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
