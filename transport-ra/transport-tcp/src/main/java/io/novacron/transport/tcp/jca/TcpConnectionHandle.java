package io.novacron.transport.tcp.jca;

import io.novacron.transport.PeerStatistics;
import io.novacron.transport.TransportConnection;

import java.util.List;

/** The application's handle: forwards to the managed connection's sender until closed or invalidated. */
public final class TcpConnectionHandle implements TransportConnection {

    private volatile TcpManagedConnection owner;
    private volatile boolean open = true;

    TcpConnectionHandle(TcpManagedConnection owner) {
        this.owner = owner;
    }

    TcpManagedConnection owner() {
        return owner;
    }

    void reassign(TcpManagedConnection newOwner) {
        owner = newOwner;
    }

    void invalidate() {
        open = false;
    }

    private TcpManagedConnection live() {
        if (!open) {
            throw new IllegalStateException("transport connection handle is closed");
        }
        return owner;
    }

    @Override
    public void send(String peerId, int stream, byte[] payload) {
        live().sender().send(peerId, stream, payload);
    }

    @Override
    public List<String> peers() {
        return live().sender().peers();
    }

    @Override
    public int streamCount() {
        return live().sender().streamCount();
    }

    @Override
    public List<PeerStatistics> statistics() {
        return live().sender().statistics();
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            owner.closed(this);
        }
    }
}
