package io.novacron.consensus.sim;

import io.novacron.consensus.raft.Entry;
import io.novacron.consensus.raft.EntryType;
import io.novacron.consensus.raft.HardState;
import io.novacron.consensus.raft.NotLeaderException;
import io.novacron.consensus.raft.PersistentState;
import io.novacron.consensus.raft.ProposalRejectedException;
import io.novacron.consensus.raft.QuorumRule;
import io.novacron.consensus.raft.RaftConfig;
import io.novacron.consensus.raft.RaftMessage;
import io.novacron.consensus.raft.RaftNode;
import io.novacron.consensus.raft.ReadState;
import io.novacron.consensus.raft.Ready;
import io.novacron.consensus.raft.Snapshot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Drives {@link RaftNode} in the simulator as a driver would: each Ready is persisted to the replica's
 * simulated disk before its messages leave, committed entries are applied to the replica's
 * {@link KvStateMachine}, and every {@code snapshotEveryEntries} applied entries the replica snapshots that state
 * and compacts its log, so laggards need INSTALL_SNAPSHOT. Replica i is Raft node i + 1 (0 means "no node" in the
 * core).
 * <p>
 * Writes go through the log; the replica that proposed one answers its client when it applies the entry. Reads
 * are served as {@link ReadMode} says: by read index (§6.4) at whichever replica the client asked, through the
 * log, or — deliberately broken — from the asked replica's local state at once.
 */
final class RaftModel implements ProtocolModel<RaftModel.Replica, RaftMessage> {

    /** What survives a crash: exactly what the driver persisted. */
    record Disk(HardState hardState, Snapshot snapshot, List<Entry> entries) {
    }

    /** How a get is served. */
    enum ReadMode {
        /** Dissertation §6.4: confirm leadership with a heartbeat quorum, wait to apply the read index, read. */
        READ_INDEX,
        /** As a command through the log, like a write. */
        LOG,
        /** Broken on purpose: answer from the asked replica's state machine right away, leader or not. */
        LOCAL_UNSAFE
    }

    /** A read whose ReadState arrived: serve it once the state machine has applied {@code index}. */
    private record WaitingRead(long index, SimCommand command) {
    }

    static final class Replica {
        final RaftNode node;
        HardState hardState;
        Snapshot snapshot;
        final List<Entry> entries;
        long applied;
        long restartedFromSnapshot;
        /** Volatile, lost in a crash (the clients retry): the state machine is rebuilt from snapshot and log. */
        KvStateMachine kv;
        final Set<String> proposedHere = new HashSet<>();
        final Map<String, SimCommand> readsAsked = new HashMap<>();
        final List<WaitingRead> readsWaiting = new ArrayList<>();
        final List<Reply> replies = new ArrayList<>();

        Replica(RaftNode node, Disk disk) {
            this.node = node;
            this.hardState = disk.hardState();
            this.snapshot = disk.snapshot();
            this.entries = new ArrayList<>(disk.entries());
            this.applied = disk.snapshot().index();
            this.restartedFromSnapshot = disk.snapshot().isEmpty() ? -1 : disk.snapshot().index();
            this.kv = KvStateMachine.restore(disk.snapshot().data());
        }
    }

    private final QuorumRule quorumRule;
    private final int snapshotEveryEntries;
    private final ReadMode readMode;
    /** Read contexts must be unique among outstanding reads cluster-wide, across restarts too. */
    private long readContexts;
    long readsServed;

    RaftModel(QuorumRule quorumRule, int snapshotEveryEntries, ReadMode readMode) {
        this.quorumRule = quorumRule;
        this.snapshotEveryEntries = snapshotEveryEntries;
        this.readMode = readMode;
    }

    RaftModel(QuorumRule quorumRule, int snapshotEveryEntries) {
        this(quorumRule, snapshotEveryEntries, ReadMode.READ_INDEX);
    }

    static RaftModel correct() {
        return new RaftModel(QuorumRule.majority(), 40);
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

    @Override
    public String name() {
        return "raft";
    }

    @Override
    public Replica start(int replicaId, int replicaCount, Object durableState, RandomGenerator random) {
        Set<Integer> voters = IntStream.rangeClosed(1, replicaCount).boxed().collect(Collectors.toSet());
        Disk disk = durableState == null ? new Disk(HardState.EMPTY, Snapshot.EMPTY, List.of()) : (Disk) durableState;
        RaftNode node = new RaftNode(RaftConfig.defaults(replicaId + 1, voters),
                new PersistentState(disk.hardState(), disk.snapshot(), disk.entries()), random, quorumRule);
        return new Replica(node, disk);
    }

    @Override
    public void tick(Replica replica) {
        replica.node.tick();
    }

    @Override
    public void deliver(Replica replica, RaftMessage message) {
        replica.node.step(message);
    }

    @Override
    public boolean propose(Replica replica, byte[] command) {
        SimCommand request = SimCommand.decode(command);
        KvOp op = KvOp.decode(request.payload());
        try {
            if (op.isRead() && readMode == ReadMode.LOCAL_UNSAFE) {
                answer(replica, request, replica.kv.read(op.key()));
                return true;
            }
            if (op.isRead() && readMode == ReadMode.READ_INDEX) {
                String context = "read-" + (++readContexts);
                replica.node.readIndex(context.getBytes(StandardCharsets.US_ASCII));
                replica.readsAsked.put(context, request);
                return true;
            }
            replica.node.propose(command);
            replica.proposedHere.add(request.requestKey());
            return true;
        } catch (NotLeaderException | ProposalRejectedException e) {
            return false;
        }
    }

    private void answer(Replica replica, SimCommand request, long result) {
        replica.replies.add(new Reply(request.clientId(), request.requestNumber(), result));
    }

    @Override
    public Output<RaftMessage> drain(Replica replica) {
        List<RaftMessage> messages = new ArrayList<>();
        List<Committed> committed = new ArrayList<>();
        long snapshotThrough = replica.restartedFromSnapshot;
        replica.restartedFromSnapshot = -1;
        while (replica.node.hasReady()) {
            Ready ready = replica.node.ready();
            if (ready.snapshot().isPresent()) {
                replica.snapshot = ready.snapshot().get();
                replica.entries.clear();
                replica.applied = replica.snapshot.index();
                replica.kv = KvStateMachine.restore(replica.snapshot.data());
                snapshotThrough = replica.snapshot.index();
            }
            for (Entry entry : ready.entries()) {
                replica.entries.removeIf(e -> e.index() >= entry.index());
                replica.entries.add(entry);
            }
            ready.hardState().ifPresent(h -> replica.hardState = h);
            messages.addAll(ready.messages());
            for (Entry entry : ready.committedEntries()) {
                if (entry.index() <= replica.applied) {
                    continue;
                }
                replica.applied = entry.index();
                if (entry.type() == EntryType.NORMAL && entry.data().length > 0) {
                    committed.add(new Committed(entry.index(), entry.data()));
                    SimCommand request = SimCommand.decode(entry.data());
                    long result = replica.kv.apply(request);
                    if (replica.proposedHere.remove(request.requestKey())) {
                        answer(replica, request, result);
                    }
                }
            }
            for (ReadState read : ready.readStates()) {
                SimCommand request = replica.readsAsked.remove(
                        new String(read.requestContext(), StandardCharsets.US_ASCII));
                if (request != null) {
                    replica.readsWaiting.add(new WaitingRead(read.index(), request));
                }
            }
            serveReads(replica);
            replica.node.advance(ready);
        }
        maybeCompact(replica);
        return new Output<>(messages, committed, snapshotThrough);
    }

    /** Ready contract: answer a read once the state machine has applied at least up to its read index. */
    private void serveReads(Replica replica) {
        replica.readsWaiting.removeIf(read -> {
            if (read.index() > replica.applied) {
                return false;
            }
            answer(replica, read.command(), replica.kv.read(KvOp.decode(read.command().payload()).key()));
            readsServed++;
            return true;
        });
    }

    /** Snapshots the key-value state as of the applied index, as an application would, and drops the log below. */
    private void maybeCompact(Replica replica) {
        if (replica.applied - replica.snapshot.index() < snapshotEveryEntries) {
            return;
        }
        byte[] state = replica.kv.snapshot();
        replica.snapshot = replica.node.compact(replica.applied, state);
        long through = replica.snapshot.index();
        replica.entries.removeIf(e -> e.index() <= through);
    }

    @Override
    public Object durableState(Replica replica) {
        return new Disk(replica.hardState, replica.snapshot, List.copyOf(replica.entries));
    }

    @Override
    public int destination(RaftMessage message) {
        return message.to() - 1;
    }
}
