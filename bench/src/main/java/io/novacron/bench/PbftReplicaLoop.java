package io.novacron.bench;

import io.novacron.consensus.log.LogStore;
import io.novacron.consensus.log.MetadataFile;
import io.novacron.consensus.pbft.ClientRequest;
import io.novacron.consensus.pbft.CommandBundle;
import io.novacron.consensus.pbft.CommittedBatch;
import io.novacron.consensus.pbft.MalformedMessageException;
import io.novacron.consensus.pbft.Outbound;
import io.novacron.consensus.pbft.PbftMessage;
import io.novacron.consensus.pbft.PbftMessageCodec;
import io.novacron.consensus.pbft.PbftReplica;
import io.novacron.consensus.pbft.PbftStatus;
import io.novacron.consensus.pbft.Ready;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * One PBFT replica's driver thread, as a server would run it: the only thread that touches its
 * {@link PbftReplica}. Inbound messages arrive encoded and are decoded here (so every replica hashes and checks
 * what it receives itself, as over a real transport); for every Ready it persists the accepted messages and the
 * view with one sync (group commit), sends, executes committed bundles against a counter, and advances.
 */
final class PbftReplicaLoop implements Runnable {

    private static final long TICK_NANOS = 1_000_000;

    /** Sends one encoded message: to a replica id (0..n-1) or, with {@code toClient}, to a client id. */
    interface Network {
        void send(int fromReplica, Outbound outbound, byte[] encoded);
    }

    private final PbftReplica replica;
    private final int id;
    private final LogStore log;
    private final MetadataFile viewFile;
    private final Network network;
    private final Queue<byte[]> inbox = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    private volatile Thread thread;
    private volatile PbftStatus status;
    private long persistedView = -1;
    private long nextLogIndex = 1;
    private long counter;
    private long malformedInbound;

    PbftReplicaLoop(int id, PbftReplica replica, LogStore log, MetadataFile viewFile, Network network) {
        this.id = id;
        this.replica = replica;
        this.log = log;
        this.viewFile = viewFile;
        this.network = network;
        this.status = replica.status();
    }

    void deliver(byte[] encoded) {
        inbox.add(encoded);
        LockSupport.unpark(thread);
    }

    PbftStatus status() {
        return status;
    }

    long malformedInbound() {
        return malformedInbound;
    }

    void stop() {
        running = false;
        LockSupport.unpark(thread);
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        long nextTick = System.nanoTime() + TICK_NANOS;
        try {
            while (running) {
                boolean worked = false;
                byte[] encoded;
                while ((encoded = inbox.poll()) != null) {
                    try {
                        replica.step(PbftMessageCodec.decode(encoded));
                    } catch (MalformedMessageException e) {
                        malformedInbound++;
                    }
                    worked = true;
                }
                if (System.nanoTime() >= nextTick) {
                    replica.tick();
                    nextTick += TICK_NANOS;
                    status = replica.status();
                }
                while (replica.hasReady()) {
                    handle(replica.ready());
                    worked = true;
                }
                if (!worked) {
                    LockSupport.parkNanos(nextTick - System.nanoTime()); // deliver() unparks at once
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("replica " + id + " could not persist: " + e.getMessage(), e);
        }
    }

    /** The Ready contract: persist (one sync), install, send, execute in order, reply, advance. */
    private void handle(Ready ready) throws IOException {
        if (ready.view() != persistedView) {
            viewFile.write(ByteBuffer.allocate(8).putLong(ready.view()).array());
            persistedView = ready.view();
        }
        // A message is usually both persisted and sent: encode it once, as a server's driver would.
        Map<PbftMessage, byte[]> encoded = new IdentityHashMap<>();
        if (!ready.toPersist().isEmpty()) {
            for (PbftMessage message : ready.toPersist()) {
                log.append(nextLogIndex++, encoded.computeIfAbsent(message, PbftMessageCodec::encode));
            }
            log.sync();
        }
        ready.installState().ifPresent(state -> counter = ByteBuffer.wrap(state.applicationSnapshot()).getLong());
        for (Outbound out : ready.messages()) {
            network.send(id, out, encoded.computeIfAbsent(out.message(), PbftMessageCodec::encode));
        }
        for (CommittedBatch batch : ready.committed()) {
            List<byte[]> results = new ArrayList<>(batch.requests().size());
            for (ClientRequest request : batch.requests()) {
                results.add(execute(request));
            }
            replica.executed(batch.sequence(), results);
            if (batch.checkpointDue()) {
                replica.checkpointed(batch.sequence(), ByteBuffer.allocate(8).putLong(counter).array());
            }
        }
        for (Outbound out : ready.replies()) {
            network.send(id, out, PbftMessageCodec.encode(out.message()));
        }
        replica.advance(ready);
    }

    /** The application: each command of a bundle increments a counter and answers with its new value. */
    private byte[] execute(ClientRequest request) {
        List<byte[]> commands;
        try {
            commands = CommandBundle.decode(request.operation());
        } catch (MalformedMessageException e) {
            return CommandBundle.encode(List.of()); // deterministic on every replica; the client sees a mismatch
        }
        List<byte[]> results = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            results.add(ByteBuffer.allocate(8).putLong(++counter).array());
        }
        return CommandBundle.encode(results);
    }
}
