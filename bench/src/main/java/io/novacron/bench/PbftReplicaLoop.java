package io.novacron.bench;

import io.novacron.consensus.pbft.ClientRequest;
import io.novacron.consensus.pbft.CommandBundle;
import io.novacron.consensus.pbft.CommittedBatch;
import io.novacron.consensus.pbft.MalformedMessageException;
import io.novacron.consensus.pbft.Outbound;
import io.novacron.consensus.pbft.PbftJournal;
import io.novacron.consensus.pbft.PbftMessageCodec;
import io.novacron.consensus.pbft.PbftReplica;
import io.novacron.consensus.pbft.PbftStatus;
import io.novacron.consensus.pbft.Ready;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * One PBFT replica's driver thread, as a server would run it: the only thread that touches its
 * {@link PbftReplica}. Inbound messages arrive encoded and are decoded here (so every replica hashes and checks
 * what it receives itself, as over a real transport); for every Ready it persists through the {@link PbftJournal}
 * (one sync: group commit), sends, executes committed bundles against a counter, and advances.
 */
final class PbftReplicaLoop implements Runnable {

    private static final long TICK_NANOS = 1_000_000;

    /** Sends one encoded message: to a replica id (0..n-1) or, with {@code toClient}, to a client id. */
    interface Network {
        void send(int fromReplica, Outbound outbound, byte[] encoded);
    }

    private final PbftReplica replica;
    private final int id;
    private final PbftJournal journal;
    private final Network network;
    private final Queue<byte[]> inbox = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    private volatile Thread thread;
    private volatile PbftStatus status;
    private long counter;
    private long malformedInbound;

    PbftReplicaLoop(int id, PbftReplica replica, PbftJournal journal, Network network) {
        this.id = id;
        this.replica = replica;
        this.journal = journal;
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
        journal.persist(ready); // view, accepted messages, stable checkpoints: one sync (group commit)
        ready.installState().ifPresent(state -> counter = ByteBuffer.wrap(state.applicationSnapshot()).getLong());
        for (Outbound out : ready.messages()) {
            network.send(id, out, PbftMessageCodec.encode(out.message())); // once, however many receivers
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
