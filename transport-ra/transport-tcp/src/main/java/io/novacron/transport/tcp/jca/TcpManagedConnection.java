package io.novacron.transport.tcp.jca;

import io.novacron.transport.tcp.TcpSender;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;

import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A pooled connection as the container sees it: a holder of handles onto the factory's shared sender. It owns no
 * socket, so cleanup only invalidates handles and destroy is cheap; the sender lives as long as the adapter.
 */
final class TcpManagedConnection implements ManagedConnection {

    private final TcpManagedConnectionFactory factory;
    private final TcpSender sender;
    private final Set<TcpConnectionHandle> handles = ConcurrentHashMap.newKeySet();
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private PrintWriter logWriter;

    TcpManagedConnection(TcpManagedConnectionFactory factory, TcpSender sender) {
        this.factory = factory;
        this.sender = sender;
    }

    TcpManagedConnectionFactory factory() {
        return factory;
    }

    TcpSender sender() {
        return sender;
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) {
        TcpConnectionHandle h = new TcpConnectionHandle(this);
        handles.add(h);
        return h;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof TcpConnectionHandle h)) {
            throw new ResourceException("not a TCP transport connection handle: " + connection);
        }
        h.owner().handles.remove(h);
        h.reassign(this);
        handles.add(h);
    }

    /** Called by a handle's close(): tells the container that this managed connection may return to the pool. */
    void closed(TcpConnectionHandle h) {
        handles.remove(h);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(h);
        for (ConnectionEventListener l : listeners) {
            l.connectionClosed(event);
        }
    }

    @Override
    public void cleanup() {
        handles.forEach(TcpConnectionHandle::invalidate);
        handles.clear();
    }

    @Override
    public void destroy() {
        cleanup();
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("the TCP transport is not transactional");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("the TCP transport is not transactional");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return "NovaCron TCP transport";
            }

            @Override
            public String getEISProductVersion() {
                return "1";
            }

            @Override
            public int getMaxConnections() {
                return 0; // no limit: handles share one sender
            }

            @Override
            public String getUserName() {
                return "";
            }
        };
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }
}
