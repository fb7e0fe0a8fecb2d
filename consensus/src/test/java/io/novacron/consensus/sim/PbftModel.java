package io.novacron.consensus.sim;

import io.novacron.consensus.log.MemoryLogStore;
import io.novacron.consensus.pbft.ClientRequest;
import io.novacron.consensus.pbft.CommittedBatch;
import io.novacron.consensus.pbft.Destination;
import io.novacron.consensus.pbft.FakeKeys;
import io.novacron.consensus.pbft.Outbound;
import io.novacron.consensus.pbft.PbftConfig;
import io.novacron.consensus.pbft.PbftMessage;
import io.novacron.consensus.pbft.PbftJournal;
import io.novacron.consensus.pbft.PbftMessageCodec;
import io.novacron.consensus.pbft.PbftRecoveredState;
import io.novacron.consensus.pbft.PbftReplica;
import io.novacron.consensus.pbft.Ready;
import io.novacron.crypto.Signer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Drives {@link PbftReplica} in the generic simulator as a driver would, following the {@link Ready} ordering
 * contract: persist through the journal, install fetched state, send, execute committed batches in order on the
 * {@link KvStateMachine}, report results and checkpoints, then advance. Each envelope has one destination replica;
 * the core's replies go to the simulator's clients, which wait for f + 1 matching results. A request at offset k of
 * the batch at sequence s is committed at position s * batchSizeMax + k, so positions strictly increase and a state
 * transfer to checkpoint s covers every position up to s * batchSizeMax + batchSizeMax - 1.
 * <p>
 * Signatures are the PBFT package's cheap deterministic stand-ins ({@link FakeKeys}). Each replica persists through a {@link PbftJournal} on a {@link MemoryLogStore}, which is
 * what survives a crash; a restarted replica is rebuilt with {@link PbftReplica#restore} and its application
 * starts empty and reloads the journal's checkpoint from the first Ready (the restart contract). One
 * model instance serves one simulation: on a client's retry of the same request the model broadcasts it to every
 * replica (PBFT §4.1: a client that gets no reply in time multicasts its request).
 */
final class PbftModel implements ProtocolModel<PbftModel.Replica, PbftModel.Addressed> {

    /** One envelope for one destination replica. */
    record Addressed(int to, PbftMessage message) {
    }

    /** What one drain hands out: a state transfer (or -1) and the commits after it. */
    private record Segment(long snapshotThrough, List<Committed> committed) {
    }

    static final class Replica {
        final int id;
        final int replicaCount;
        final PbftReplica core;
        KvStateMachine kv = new KvStateMachine();
        final List<Reply> replies = new ArrayList<>();
        /** Segments not yet handed to the simulator: a state transfer must not be reported before earlier commits. */
        final ArrayDeque<Segment> deferred = new ArrayDeque<>();
        long executedBatches;
        long stateTransfers;
        /** The replica's disk: its journal's log, which loses what was not synced when the replica crashes. */
        MemoryLogStore log;
        PbftJournal journal;
        /** The first installState after a restart reloads the journal's checkpoint; it is no state transfer. */
        boolean reloadPending;

        Replica(int id, int replicaCount, PbftReplica core) {
            this.id = id;
            this.replicaCount = replicaCount;
            this.core = core;
        }

        List<byte[]> apply(List<ClientRequest> requests) {
            List<byte[]> results = new ArrayList<>(requests.size());
            for (ClientRequest request : requests) {
                results.add(KvStateMachine.encodeResult(kv.apply(SimCommand.decode(request.operation()))));
            }
            return results;
        }

        byte[] snapshot() {
            return kv.snapshot();
        }

        void load(byte[] snapshot) {
            kv = KvStateMachine.restore(snapshot);
        }
    }

    /** What a Byzantine replica did to its messages, for the test log. */
    enum Tampering { HONEST, CORRUPT_SIGNATURE, EQUIVOCATE, SILENCE, REPLAY, LIE, SLOW, FLOOD }

    private static final int REPLAY_HISTORY = 64;
    private static final int FLOOD_MESSAGES = 24;

    private final FakeKeys replicaKeys = new FakeKeys("replica");
    private final FakeKeys clientKeys = new FakeKeys("client");
    private final Map<Long, Signer> clientSigners = new HashMap<>();
    private final Map<Integer, Replica> replicas = new HashMap<>();
    private final Set<String> offered = new HashSet<>();
    private final Map<Integer, List<Addressed>> sentHistory = new HashMap<>();
    private final Map<Integer, List<Addressed>> heldBack = new HashMap<>();
    final Map<Tampering, Long> tamperings = new HashMap<>();
    private PbftConfig config;
    private long restarts;

    @Override
    public String name() {
        return "pbft";
    }

    @Override
    public Replica start(int replicaId, int replicaCount, Object durableState, RandomGenerator random) {
        if (config == null) {
            config = PbftConfig.defaultsFor(replicaCount);
        }
        // A restart resumes from what the crashed replica's journal had synced (durableState, after crash()).
        MemoryLogStore log = durableState == null ? new MemoryLogStore() : (MemoryLogStore) durableState;
        PbftJournal journal;
        try {
            journal = PbftJournal.open(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PbftRecoveredState recovered = journal.recovered();
        PbftReplica core = PbftReplica.restore(replicaId, config, replicaKeys.signer(replicaId), replicaKeys,
                clientKeys, random, recovered);
        Replica replica = new Replica(replicaId, replicaCount, core);
        replica.log = log;
        replica.journal = journal;
        replica.reloadPending = recovered.stableSequence() > 0;
        if (durableState != null) {
            restarts++;
        }
        replicas.put(replicaId, replica);
        return replica;
    }

    @Override
    public void tick(Replica replica) {
        replica.core.tick();
    }

    @Override
    public void deliver(Replica replica, Addressed message) {
        replica.core.step(message.message());
    }

    @Override
    public boolean propose(Replica replica, byte[] command) {
        SimCommand decoded = SimCommand.decode(command);
        Signer signer = clientSigners.computeIfAbsent(decoded.clientId(), clientKeys::signer);
        ClientRequest request = ClientRequest.signed(decoded.clientId(), decoded.requestNumber(), command, signer);
        if (offered.add(decoded.requestKey())) {
            replica.core.submit(request);
        } else {
            // A retry: the client had no reply in time, so it multicasts the request to every replica (§4.1).
            for (Replica each : replicas.values()) {
                each.core.submit(request);
            }
        }
        return true;
    }

    @Override
    public Output<Addressed> drain(Replica replica) {
        List<Addressed> messages = new ArrayList<>();
        while (replica.core.hasReady()) {
            Ready ready = replica.core.ready();
            // 1. view and toPersist: through the journal, one sync per Ready.
            try {
                replica.journal.persist(ready);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // 2. install fetched state (or, after a restart, the checkpoint) before executing anything of this Ready.
            long snapshotThrough = -1;
            if (ready.installState().isPresent()) {
                replica.load(ready.installState().get().applicationSnapshot());
                snapshotThrough = ready.installState().get().sequence() * config.batchSizeMax()
                        + config.batchSizeMax() - 1;
                if (replica.reloadPending) {
                    replica.reloadPending = false;
                } else {
                    replica.stateTransfers++;
                }
            }
            // 3. send.
            for (Outbound out : ready.messages()) {
                expand(replica, out, messages);
            }
            // 4. execute strictly in order, report results and due checkpoints.
            List<Committed> committed = new ArrayList<>();
            for (CommittedBatch batch : ready.committed()) {
                List<ClientRequest> requests = batch.requests();
                for (int offset = 0; offset < requests.size(); offset++) {
                    ClientRequest request = requests.get(offset);
                    if (request == null) {
                        continue;
                    }
                    committed.add(new Committed(batch.sequence() * config.batchSizeMax() + offset,
                            request.operation()));
                }
                replica.core.executed(batch.sequence(), replica.apply(requests));
                replica.executedBatches++;
                if (batch.checkpointDue()) {
                    replica.core.checkpointed(batch.sequence(), replica.snapshot());
                }
            }
            // 5. replies go to the simulator's clients; 6. the journal collected garbage.
            collectReplies(replica, ready.replies());
            replica.core.advance(ready);
            Segment last = replica.deferred.peekLast();
            if (snapshotThrough < 0 && last != null) {
                last.committed().addAll(committed);
            } else if (snapshotThrough >= 0 || !committed.isEmpty()) {
                replica.deferred.add(new Segment(snapshotThrough, committed));
            }
        }
        // One segment per drain: the simulator applies a snapshot before the commits of the same output, so a
        // state transfer that follows commits of an earlier Ready waits for the next drain.
        Segment segment = replica.deferred.poll();
        if (segment == null) {
            return new Output<>(messages, List.of(), -1);
        }
        return new Output<>(messages, segment.committed(), segment.snapshotThrough());
    }

    private void expand(Replica replica, Outbound out, List<Addressed> into) {
        Destination to = out.to();
        switch (to.kind()) {
            case ALL_REPLICAS -> {
                for (int i = 0; i < replica.replicaCount; i++) {
                    if (i != replica.id) {
                        into.add(new Addressed(i, out.message()));
                    }
                }
            }
            case REPLICA -> into.add(new Addressed((int) to.id(), out.message()));
            default -> {
                // CLIENT: the simulator's clients are not PBFT clients.
            }
        }
    }

    /** The core's signed replies; a request's timestamp is the simulator client's request number. */
    private static void collectReplies(Replica replica, List<Outbound> replies) {
        for (Outbound out : replies) {
            if (out.message() instanceof PbftMessage.Reply reply) {
                replica.replies.add(new Reply(reply.clientId(), reply.timestamp(),
                        KvStateMachine.decodeResult(reply.result())));
            }
        }
    }

    @Override
    public boolean keyValue() {
        return true;
    }

    @Override
    public List<Reply> replies(Replica replica) {
        List<Reply> out = List.copyOf(replica.replies);
        replica.replies.clear();
        return out;
    }

    /** A PBFT client accepts a result once f + 1 replicas reported it: at least one of them is correct (§4.1). */
    @Override
    public int repliesNeeded(int replicaCount) {
        return (replicaCount - 1) / 3 + 1;
    }

    @Override
    public Object durableState(Replica replica) {
        replica.log.crash(); // loses whatever was appended but not synced (nothing, between Readies)
        return replica.log;
    }

    @Override
    public int destination(Addressed message) {
        return message.to();
    }

    @Override
    public List<Addressed> tamper(int replicaId, Addressed message, RandomGenerator random) {
        List<Addressed> history = sentHistory.computeIfAbsent(replicaId, r -> new ArrayList<>());
        List<Addressed> out = new ArrayList<>(tamperOnce(replicaId, message, random, history));
        // Slowness: held-back messages leave later, behind newer ones, one in four sends at a time.
        List<Addressed> held = heldBack.computeIfAbsent(replicaId, r -> new ArrayList<>());
        if (!held.isEmpty() && random.nextInt(4) == 0) {
            out.add(held.remove(0));
        }
        if (history.size() >= REPLAY_HISTORY) {
            history.remove(random.nextInt(history.size()));
        }
        history.add(message);
        return out;
    }

    private List<Addressed> tamperOnce(int replicaId, Addressed message, RandomGenerator random,
                                       List<Addressed> history) {
        int roll = random.nextInt(100);
        PbftMessage m = message.message();
        if (roll < 30) {
            count(Tampering.HONEST);
            return List.of(message);
        }
        if (roll < 40) {
            count(Tampering.SILENCE);
            return List.of();
        }
        if (roll < 48) {
            count(Tampering.SLOW);
            heldBack.computeIfAbsent(replicaId, r -> new ArrayList<>()).add(message);
            return List.of();
        }
        if (roll < 53 && (m instanceof PbftMessage.Prepare || m instanceof PbftMessage.Commit)) {
            return flood(replicaId, message, random);
        }
        if (roll < 62) {
            byte[] signature = m.signature().clone();
            if (signature.length > 0) {
                signature[random.nextInt(signature.length)] ^= (byte) (1 + random.nextInt(255));
            }
            count(Tampering.CORRUPT_SIGNATURE);
            return List.of(new Addressed(message.to(), m.withSignature(signature)));
        }
        if (roll < 72) {
            if (history.isEmpty()) {
                count(Tampering.HONEST);
                return List.of(message);
            }
            Addressed old = history.get(random.nextInt(history.size()));
            count(Tampering.REPLAY);
            return List.of(message, old);
        }
        if (roll < 90 && m instanceof PbftMessage.PrePrepare pp) {
            // Equivocation: a conflicting, validly signed batch for the same (view, sequence) to half the backups.
            if (message.to() % 2 == 0) {
                count(Tampering.HONEST);
                return List.of(message);
            }
            List<ClientRequest> batch = new ArrayList<>(pp.requests());
            if (batch.size() >= 2) {
                Collections.reverse(batch);
            } else if (!batch.isEmpty()) {
                batch.clear();
            } else {
                count(Tampering.HONEST);
                return List.of(message);
            }
            PbftMessage.PrePrepare variant = new PbftMessage.PrePrepare(pp.sender(), pp.view(), pp.sequence(),
                    PbftMessage.PrePrepare.digestOf(batch), batch, new byte[0]);
            count(Tampering.EQUIVOCATE);
            return List.of(new Addressed(message.to(), signAs(replicaId, variant)));
        }
        // Validly signed lies: votes and checkpoints for digests nobody proposed.
        byte[] junk = new byte[32];
        random.nextBytes(junk);
        PbftMessage lie;
        if (m instanceof PbftMessage.Prepare p) {
            lie = new PbftMessage.Prepare(p.sender(), p.view(), p.sequence(), junk, new byte[0]);
        } else if (m instanceof PbftMessage.Commit c) {
            lie = new PbftMessage.Commit(c.sender(), c.view(), c.sequence(), junk, new byte[0]);
        } else if (m instanceof PbftMessage.Checkpoint c) {
            lie = new PbftMessage.Checkpoint(c.sender(), c.sequence(), junk, new byte[0]);
        } else {
            count(Tampering.HONEST);
            return List.of(message);
        }
        count(Tampering.LIE);
        return List.of(new Addressed(message.to(), signAs(replicaId, lie)));
    }

    /**
     * Flooding: the message plus a burst of validly signed votes for random digests at random sequence numbers
     * around the window, which a correct replica must absorb without unbounded memory or a wrong commit.
     */
    private List<Addressed> flood(int replicaId, Addressed message, RandomGenerator random) {
        long view = message.message() instanceof PbftMessage.Prepare p ? p.view()
                : ((PbftMessage.Commit) message.message()).view();
        List<Addressed> out = new ArrayList<>();
        out.add(message);
        for (int i = 0; i < FLOOD_MESSAGES; i++) {
            byte[] junk = new byte[32];
            random.nextBytes(junk);
            long sequence = 1 + random.nextInt(4 * config.watermarkWindowSeqs());
            PbftMessage vote = random.nextBoolean()
                    ? new PbftMessage.Prepare(replicaId, view, sequence, junk, new byte[0])
                    : new PbftMessage.Commit(replicaId, view, sequence, junk, new byte[0]);
            out.add(new Addressed(message.to(), signAs(replicaId, vote)));
        }
        count(Tampering.FLOOD);
        return out;
    }

    private PbftMessage signAs(int replicaId, PbftMessage message) {
        return message.withSignature(replicaKeys.signer(replicaId).sign(PbftMessageCodec.signedBytes(message)));
    }

    private void count(Tampering tampering) {
        tamperings.merge(tampering, 1L, Long::sum);
    }

    long restarts() {
        return restarts;
    }

    long stateTransfers() {
        long total = 0;
        for (Replica replica : replicas.values()) {
            total += replica.stateTransfers;
        }
        return total;
    }
}
