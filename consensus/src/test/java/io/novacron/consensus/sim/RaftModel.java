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
import io.novacron.consensus.raft.Ready;
import io.novacron.consensus.raft.Snapshot;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Drives {@link RaftNode} in the simulator as a driver would: each Ready is persisted to the replica's
 * simulated disk before its messages leave, committed entries are applied, and every
 * {@code snapshotEveryEntries} applied entries the replica compacts its log, so laggards need
 * INSTALL_SNAPSHOT. Replica i is Raft node i + 1 (0 means "no node" in the core).
 */
final class RaftModel implements ProtocolModel<RaftModel.Replica, RaftMessage> {

    /** What survives a crash: exactly what the driver persisted. */
    record Disk(HardState hardState, Snapshot snapshot, List<Entry> entries) {
    }

    static final class Replica {
        final RaftNode node;
        HardState hardState;
        Snapshot snapshot;
        final List<Entry> entries;
        long applied;
        long restartedFromSnapshot;

        Replica(RaftNode node, Disk disk) {
            this.node = node;
            this.hardState = disk.hardState();
            this.snapshot = disk.snapshot();
            this.entries = new ArrayList<>(disk.entries());
            this.applied = disk.snapshot().index();
            this.restartedFromSnapshot = disk.snapshot().isEmpty() ? -1 : disk.snapshot().index();
        }
    }

    private final QuorumRule quorumRule;
    private final int snapshotEveryEntries;

    RaftModel(QuorumRule quorumRule, int snapshotEveryEntries) {
        this.quorumRule = quorumRule;
        this.snapshotEveryEntries = snapshotEveryEntries;
    }

    static RaftModel correct() {
        return new RaftModel(QuorumRule.majority(), 40);
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
        try {
            replica.node.propose(command);
            return true;
        } catch (NotLeaderException | ProposalRejectedException e) {
            return false;
        }
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
                }
            }
            replica.node.advance(ready);
        }
        maybeCompact(replica);
        return new Output<>(messages, committed, snapshotThrough);
    }

    /** Takes a snapshot of the (trivial) applied state, as an application would, and drops the log below it. */
    private void maybeCompact(Replica replica) {
        if (replica.applied - replica.snapshot.index() < snapshotEveryEntries) {
            return;
        }
        byte[] state = ByteBuffer.allocate(Long.BYTES).putLong(replica.applied).array();
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
