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

/**
 * One PBFT replica's driver thread, as a server would run it: the only thread that touches its
 * {@link PbftReplica}. Inbound messages arrive encoded and are decoded here (so every replica hashes and checks
 * what it receives itself, as over a real transport); for every Ready it persists through the {@link PbftJournal}
 * (one sync: group commit), sends, executes committed bundles against a counter, and advances.
 */
final class PbftReplicaLoop extends DriverLoop {


    /** Sends one encoded message: to a replica id (0..n-1) or, with {@code toClient}, to a client id. */
    interface Network {
        void send(int fromReplica, Outbound outbound, byte[] encoded);
    }

    private final PbftReplica replica;
    private final int id;
    private final PbftJournal journal;
    private final Network network;
    private final Queue<byte[]> inbox = new ConcurrentLinkedQueue<>();
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
        wake();
    }

    PbftStatus status() {
        return status;
    }

    long malformedInbound() {
        return malformedInbound;
    }

    @Override
    protected boolean takeInputs() {
        boolean any = false;
        byte[] encoded;
        while ((encoded = inbox.poll()) != null) {
            try {
                replica.step(PbftMessageCodec.decode(encoded));
            } catch (MalformedMessageException e) {
                malformedInbound++;
            }
            any = true;
        }
        return any;
    }

    @Override
    protected void tick() {
        replica.tick();
        status = replica.status();
    }

    @Override
    protected boolean handOutputs() throws IOException {
        boolean any = false;
        while (replica.hasReady()) {
            handle(replica.ready());
            any = true;
        }
        return any;
    }

    @Override
    protected String describe() {
        return "replica " + id;
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
