package io.novacron.consensus.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import io.novacron.consensus.log.LogConfig;
import io.novacron.consensus.log.LogStore;
import io.novacron.consensus.log.SegmentedFileLog;
import io.novacron.consensus.pbft.BundlingClient;
import io.novacron.consensus.pbft.ClientRequest;
import io.novacron.consensus.pbft.CommandBundle;
import io.novacron.consensus.pbft.CommittedBatch;
import io.novacron.consensus.pbft.Destination;
import io.novacron.consensus.pbft.MalformedMessageException;
import io.novacron.consensus.pbft.MessageType;
import io.novacron.consensus.pbft.Outbound;
import io.novacron.consensus.pbft.PbftClient;
import io.novacron.consensus.pbft.PbftConfig;
import io.novacron.consensus.pbft.PbftJournal;
import io.novacron.consensus.pbft.PbftMessage;
import io.novacron.consensus.pbft.PbftMessageCodec;
import io.novacron.consensus.pbft.PbftReplica;
import io.novacron.consensus.pbft.PbftStatus;
import io.novacron.consensus.pbft.Ready;
import io.novacron.crypto.SignatureVerifier;
import io.novacron.crypto.Signer;

/**
 * A {@link PbftReplica} with its {@link PbftJournal} on disk, and this member's own PBFT client: member i is
 * replica i and client i, signing both with its key. Commands proposed here are bundled by a {@link BundlingClient}
 * (one request outstanding, everything offered meanwhile in the next); committed bundles are applied command by
 * command, at position {@code sequence * 1,000,000 + k} for the k-th command of the batch, with the batch's quorum
 * certificate as proof. Messages between this member's replica and client stay local.
 * <p>
 * Restart contract (see {@link PbftJournal}): pass a state machine in its initial state; the first
 * {@link #process()} restores the checkpoint snapshot and re-applies what committed after it. The client's
 * timestamps must only grow across restarts, so the driver passes a floor derived from its clock.
 * <p>
 * Envelope: one kind byte {@code P}, then a {@link PbftMessageCodec} message; every message is signed, so the
 * sending member's index is not trusted.
 */
public final class PbftEngine implements ConsensusEngine {

    /** The kind byte that opens every PBFT frame. */
    public static final byte FRAME_KIND = 'P';
    private static final long POSITIONS_PER_SEQUENCE = 1_000_000;
    /** Commands waiting for the next bundle; beyond this they are refused at once. */
    static final int QUEUED_PROPOSALS_MAX = 10_000;

    private final int member;
    private final int memberCount;
    private final PbftReplica replica;
    private final BundlingClient client;
    private final PbftJournal journal;
    private final LogStore log;
    private final ReplicatedStateMachine stateMachine;
    private final ArrayDeque<PbftMessage> toLocalReplica = new ArrayDeque<>();
    private final ArrayDeque<PbftMessage> toLocalClient = new ArrayDeque<>();
    private final List<byte[]> refused = new ArrayList<>();
    private long malformed;

    private PbftEngine(int member, int memberCount, PbftReplica replica, BundlingClient client, PbftJournal journal,
                       LogStore log, ReplicatedStateMachine stateMachine) {
        this.member = member;
        this.memberCount = memberCount;
        this.replica = replica;
        this.client = client;
        this.journal = journal;
        this.log = log;
        this.stateMachine = stateMachine;
    }

    /**
     * Opens member {@code member} with its journal under {@code dir} (created if new).
     *
     * @param keys                  verifies members' signatures by member index (as replicas and as clients)
     * @param clientTimestampFloor  this member's client numbers its requests above it; must exceed any number it
     *                              used before (e.g. microseconds since the epoch)
     * @param bundleCommandsMax     most commands per request
     */
    public static PbftEngine open(int member, PbftConfig config, Path dir, Signer signer, SignatureVerifier keys,
                                  ReplicatedStateMachine stateMachine, RandomGenerator random,
                                  long clientTimestampFloor, int bundleCommandsMax) throws IOException {
        config.validate();
        if (member < 0 || member >= config.replicaCount()) {
            throw new IllegalArgumentException("member " + member + " outside 0.." + (config.replicaCount() - 1));
        }
        LogStore log = SegmentedFileLog.open(dir.resolve("log"), LogConfig.defaults());
        try {
            PbftJournal journal = PbftJournal.open(log);
            PbftReplica replica = PbftReplica.restore(member, config, signer, keys, keys, random, journal.recovered());
            BundlingClient client = new BundlingClient(new PbftClient(member, clientTimestampFloor, config, signer,
                    keys), bundleCommandsMax, 4 << 20);
            return new PbftEngine(member, config.replicaCount(), replica, client, journal, log, stateMachine);
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
    }

    @Override
    public void propose(byte[] command) {
        if (client.queuedCount() >= QUEUED_PROPOSALS_MAX) {
            refused.add(command);
            return;
        }
        client.offer(command.clone());
    }

    @Override
    public void tick() {
        replica.tick();
        client.tick();
    }

    @Override
    public void receive(int fromMember, byte[] payload) {
        try {
            PbftMessage message = messageOf(payload);
            if (message.type() == MessageType.REPLY) {
                client.step(message);
            } else {
                replica.step(message);
            }
        } catch (MalformedMessageException e) {
            malformed++;
        }
    }

    @Override
    public EngineOutput process() throws IOException {
        List<Frame> frames = new ArrayList<>();
        List<Applied> applied = new ArrayList<>();
        boolean progress = true;
        boolean unsynced = false;
        while (progress) {
            progress = false;
            for (Outbound out : client.takeMessages()) {
                route(out, frames);
                progress = true;
            }
            client.takeResults(); // callers learn outcomes from the local application, not from replies
            PbftMessage local;
            while ((local = toLocalReplica.poll()) != null) {
                replica.step(local);
                progress = true;
            }
            while ((local = toLocalClient.poll()) != null) {
                client.step(local);
                progress = true;
            }
            while (replica.hasReady()) {
                unsynced |= handle(replica.ready(), frames, applied);
                progress = true;
            }
        }
        if (unsynced) {
            journal.sync(); // one flush for every Ready of this round, before any of their frames or results leave
        }
        List<byte[]> refusedNow = List.copyOf(refused);
        refused.clear();
        return new EngineOutput(frames, applied, refusedNow);
    }

    /**
     * The Ready contract: persist, install, send, execute in order, reply, advance. What is persisted is synced by
     * {@link #process()} before it returns, and nothing collected here leaves before that: frames and results are
     * handed out only then, and this member's state is rebuilt from the journal at every start.
     *
     * @return whether the journal holds writes that need a sync
     */
    private boolean handle(Ready ready, List<Frame> frames, List<Applied> applied) throws IOException {
        boolean written = journal.write(ready);
        ready.installState().ifPresent(state -> stateMachine.restore(state.applicationSnapshot()));
        for (Outbound out : ready.messages()) {
            route(out, frames);
        }
        for (CommittedBatch batch : ready.committed()) {
            byte[] proof = batch.certificate().encode();
            long position = batch.sequence() * POSITIONS_PER_SEQUENCE;
            List<List<byte[]>> bundles = new ArrayList<>(batch.requests().size()); // null: malformed request
            List<ReplicatedStateMachine.Committed> commands = new ArrayList<>();
            for (ClientRequest request : batch.requests()) {
                try {
                    List<byte[]> bundle = CommandBundle.decode(request.operation());
                    bundles.add(bundle);
                    for (byte[] command : bundle) {
                        commands.add(new ReplicatedStateMachine.Committed(position++, command));
                    }
                } catch (MalformedMessageException e) {
                    bundles.add(null);
                }
            }
            List<byte[]> commandResults = commands.isEmpty() ? List.of() : stateMachine.applyAll(commands);
            List<byte[]> results = new ArrayList<>(bundles.size());
            int next = 0;
            for (List<byte[]> bundle : bundles) {
                if (bundle == null) {
                    results.add(CommandBundle.encode(List.of())); // the same on every member; its client sees why
                    continue;
                }
                List<byte[]> perCommand = new ArrayList<>(bundle.size());
                for (int i = 0; i < bundle.size(); i++, next++) {
                    perCommand.add(commandResults.get(next));
                    applied.add(new Applied(commands.get(next).position(), commands.get(next).command(),
                            commandResults.get(next), proof));
                }
                results.add(CommandBundle.encode(perCommand));
            }
            replica.executed(batch.sequence(), results);
            if (batch.checkpointDue()) {
                replica.checkpointed(batch.sequence(), stateMachine.snapshot());
            }
        }
        for (Outbound out : ready.replies()) {
            route(out, frames);
        }
        replica.advance(ready);
        return written;
    }

    /** Encodes once and addresses every member the destination names; this member's own share stays local. */
    private void route(Outbound out, List<Frame> frames) {
        Destination to = out.to();
        switch (to.kind()) {
            case ALL_REPLICAS -> {
                byte[] payload = frameOf(out.message());
                for (int m = 0; m < memberCount; m++) {
                    if (m == member) {
                        if (out.message().type() == MessageType.REQUEST) {
                            toLocalReplica.add(out.message()); // our client's broadcast reaches our replica too
                        }
                    } else {
                        frames.add(new Frame(m, payload));
                    }
                }
            }
            case REPLICA -> {
                if (to.id() == member) {
                    toLocalReplica.add(out.message());
                } else {
                    frames.add(new Frame((int) to.id(), frameOf(out.message()),
                            out.message().type() == MessageType.STATE));
                }
            }
            case CLIENT -> {
                if (to.id() == member) {
                    toLocalClient.add(out.message());
                } else if (to.id() >= 0 && to.id() < memberCount) {
                    frames.add(new Frame((int) to.id(), frameOf(out.message())));
                } // replies to clients that are not members have nowhere to go in this deployment
            }
        }
    }

    /** The frame payload carrying {@code message}, as {@link #process()} hands it out. */
    public static byte[] frameOf(PbftMessage message) {
        return Envelope.wrap(FRAME_KIND, PbftMessageCodec.encode(message));
    }

    /**
     * The message a frame payload carries; its signature is not checked here.
     *
     * @throws MalformedMessageException if the payload is not a PBFT frame or its message is malformed
     */
    public static PbftMessage messageOf(byte[] payload) throws MalformedMessageException {
        if (payload.length < 1 || payload[0] != FRAME_KIND) {
            throw new MalformedMessageException("not a PBFT frame: " + (payload.length < 1 ? "empty"
                    : "kind byte " + payload[0]));
        }
        return PbftMessageCodec.decode(Envelope.body(payload));
    }

    @Override
    public EngineStatus status() {
        PbftStatus status = replica.status();
        String role = status.viewChangeInProgress() ? "VIEW_CHANGE"
                : status.primary() == member ? "PRIMARY" : "BACKUP";
        return new EngineStatus("pbft", member, role, status.view(), status.primary(), status.lastExecutedSeq(),
                status.lastExecutedSeq(), Map.of());
    }

    /** Signed messages dropped for bad signatures, per sending member (evidence for the reputation layer). */
    public Map<Long, Long> invalidSignaturesBySender() {
        return replica.status().invalidSignaturesBySender();
    }

    @Override
    public long malformedFrames() {
        return malformed;
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
