package io.novacron.bench;

import io.novacron.consensus.log.LogStore;
import io.novacron.consensus.log.MetadataFile;
import io.novacron.consensus.log.SnapshotStore;
import io.novacron.consensus.raft.Entry;
import io.novacron.consensus.raft.HardState;
import io.novacron.consensus.raft.NotLeaderException;
import io.novacron.consensus.raft.ProposalRejectedException;
import io.novacron.consensus.raft.RaftMessage;
import io.novacron.consensus.raft.RaftNode;
import io.novacron.consensus.raft.Ready;
import io.novacron.consensus.raft.Snapshot;
import io.novacron.consensus.raft.StateRole;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * One Raft replica's driver thread, as a server would run it: the only thread that touches its
 * {@link RaftNode}; it takes inbound messages and proposals from queues, ticks on wall time, and for every
 * Ready persists (entries appended and synced once: group commit), sends, applies, and advances.
 */
final class RaftReplicaLoop extends DriverLoop {

    /** Snapshot and compact every this many applied entries, keeping some behind for slow followers (§7). */
    private static final long COMPACT_EVERY_ENTRIES = 50_000;
    private static final long COMPACT_KEEP_ENTRIES = 10_000;

    private record Proposal(byte[] payload, CompletableFuture<Void> committed) {
    }

    private final RaftNode node;
    private final LogStore log;
    private final MetadataFile hardStateFile;
    private final Consumer<RaftMessage> network;
    private final Queue<RaftMessage> inbox = new ConcurrentLinkedQueue<>();
    private final Queue<Proposal> proposals = new ConcurrentLinkedQueue<>();
    private final Map<Long, Proposal> pending = new HashMap<>();
    private final Queue<Proposal> spare = new ArrayDeque<>();
    private volatile boolean leader;
    private final SnapshotStore snapshots;
    private HardState persistedHardState = HardState.EMPTY;
    private long appliedIndex;
    private long compactedIndex;

    RaftReplicaLoop(RaftNode node, LogStore log, MetadataFile hardStateFile, SnapshotStore snapshots,
                    Consumer<RaftMessage> network) {
        this.node = node;
        this.log = log;
        this.snapshots = snapshots;
        this.hardStateFile = hardStateFile;
        this.network = network;
    }

    boolean isLeader() {
        return leader;
    }

    long term() {
        return node.status().term();
    }

    void deliver(RaftMessage message) {
        inbox.add(message);
        wake();
    }

    CompletableFuture<Void> propose(byte[] payload) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        proposals.add(new Proposal(payload, future));
        wake();
        return future;
    }

    @Override
    protected boolean takeInputs() {
        boolean any = false;
        RaftMessage message;
        while ((message = inbox.poll()) != null) {
            node.step(message);
            any = true;
        }
        return proposeQueued() | any;
    }

    @Override
    protected void tick() {
        node.tick();
    }

    @Override
    protected boolean handOutputs() throws IOException {
        boolean any = false;
        while (node.hasReady()) {
            handle(node.ready());
            any = true;
        }
        leader = node.status().role() == StateRole.LEADER;
        return any;
    }

    @Override
    protected String describe() {
        return "replica " + node.id();
    }

    private boolean proposeQueued() {
        Proposal proposal;
        boolean any = false;
        while ((proposal = proposals.poll()) != null) {
            any = true;
            try {
                pending.put(node.propose(proposal.payload()), proposal);
            } catch (NotLeaderException | ProposalRejectedException e) {
                proposal.committed().completeExceptionally(e);
            }
        }
        return any;
    }

    /** The Ready contract: persist (one sync for the whole batch), then send, then apply, then advance. */
    private void handle(Ready ready) throws IOException {
        if (!ready.entries().isEmpty()) {
            long first = ready.entries().get(0).index();
            if (first <= log.lastIndex()) {
                log.truncateSuffix(first);
            }
            for (Entry entry : ready.entries()) {
                log.append(entry.index(), encode(entry));
            }
            log.sync();
        }
        ready.hardState().ifPresent(this::persistHardState);
        ready.messages().forEach(network);
        for (Entry entry : ready.committedEntries()) {
            appliedIndex = entry.index();
            Proposal proposal = pending.remove(entry.index());
            if (proposal != null) {
                if (Arrays.equals(proposal.payload(), entry.data())) {
                    proposal.committed().complete(null);
                } else {
                    proposal.committed().completeExceptionally(new IllegalStateException("overwritten"));
                }
            }
        }
        node.advance(ready);
        compactIfDue();
    }

    /**
     * Without compaction the in-memory log grows until the collector stops every replica for hundreds of
     * milliseconds and elections follow; a server snapshots its state machine the same way.
     */
    private void compactIfDue() throws IOException {
        long upTo = appliedIndex - COMPACT_KEEP_ENTRIES;
        if (upTo - compactedIndex < COMPACT_EVERY_ENTRIES) {
            return;
        }
        Snapshot snapshot = node.compact(upTo, ByteBuffer.allocate(8).putLong(upTo).array());
        if (snapshots != null) {
            snapshots.save(snapshot.index(), snapshot.term(), snapshot.data()); // before the entries go
        }
        log.compactPrefix(upTo);
        compactedIndex = upTo;
    }

    /** Term and vote must be durable before a vote is sent; the commit index is volatile (Raft §5, Figure 2). */
    private void persistHardState(HardState hardState) {
        if (hardState.term() == persistedHardState.term() && hardState.votedFor() == persistedHardState.votedFor()) {
            return;
        }
        try {
            hardStateFile.write(ByteBuffer.allocate(12).putLong(hardState.term()).putInt(hardState.votedFor()).array());
        } catch (IOException e) {
            throw new IllegalStateException("could not persist the hard state: " + e.getMessage(), e);
        }
        persistedHardState = hardState;
    }

    private static byte[] encode(Entry entry) {
        return ByteBuffer.allocate(9 + entry.data().length).putLong(entry.term()).put((byte) entry.type().ordinal())
                .put(entry.data()).array();
    }
}
