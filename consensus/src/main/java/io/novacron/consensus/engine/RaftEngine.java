package io.novacron.consensus.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

import io.novacron.consensus.log.LogConfig;
import io.novacron.consensus.log.LogStore;
import io.novacron.consensus.log.HintFile;
import io.novacron.consensus.log.MetadataFile;
import io.novacron.consensus.log.SegmentedFileLog;
import io.novacron.consensus.log.SnapshotStore;
import io.novacron.consensus.raft.Entry;
import io.novacron.consensus.raft.EntryType;
import io.novacron.consensus.raft.MalformedMessageException;
import io.novacron.consensus.raft.MessageType;
import io.novacron.consensus.raft.NotLeaderException;
import io.novacron.consensus.raft.PersistentState;
import io.novacron.consensus.raft.ProposalRejectedException;
import io.novacron.consensus.raft.RaftConfig;
import io.novacron.consensus.raft.RaftJournal;
import io.novacron.consensus.raft.RaftMessage;
import io.novacron.consensus.raft.RaftMessageCodec;
import io.novacron.consensus.raft.RaftNode;
import io.novacron.consensus.raft.Ready;
import io.novacron.consensus.raft.Snapshot;
import io.novacron.consensus.raft.StateRole;
import io.novacron.consensus.raft.Status;

/**
 * A {@link RaftNode} with its {@link RaftJournal} on disk: member i is Raft id i + 1. A follower forwards proposals
 * to the leader it knows (and holds them, bounded, while none is known); every {@code compactEveryEntries} applied
 * commands the state machine is snapshotted and the log compacted (Raft §7).
 * <p>
 * A proposal that has left this member is kept until this member applies it: a forward can be lost, and a leader can
 * lose its uncommitted tail when it is deposed, so it is placed again when the leader changes or it has waited two
 * election timeouts. <b>A command may therefore commit more than once</b>; the state machine must recognize a repeat
 * (the control plane's does, by proposal id). {@link #withdraw} stops the retries.
 * <p>
 * Envelope: one kind byte, {@code R} then a {@link RaftMessageCodec} message, or {@code F} then a forwarded command.
 */
public final class RaftEngine implements ConsensusEngine {

    /** The kind byte of a frame carrying a {@link RaftMessageCodec} message. */
    public static final byte MESSAGE_FRAME_KIND = 'R';
    /** The kind byte of a frame carrying a command forwarded to the leader. */
    public static final byte FORWARD_FRAME_KIND = 'F';
    /** Proposals held while no leader is known; beyond this they are refused at once. */
    static final int HELD_PROPOSALS_MAX = 10_000;
    /** Proposals placed and not yet applied that are retried; beyond this the oldest are no longer followed. */
    static final int PLACED_PROPOSALS_MAX = 10_000;

    /** A proposal that has left this member: where it went, and when. */
    private static final class Placed {
        final byte[] command;
        int leader;
        long term;
        long placedAtTick;

        Placed(byte[] command) {
            this.command = command;
        }

        void placedWith(Status status, long tick) {
            leader = status.leaderId();
            term = status.term();
            placedAtTick = tick;
        }
    }

    private final int member;
    private final RaftNode node;
    private final RaftJournal journal;
    private final LogStore log;
    private final ReplicatedStateMachine stateMachine;
    private final long compactEveryEntries;
    private final ArrayDeque<byte[]> held = new ArrayDeque<>();
    private final List<byte[]> refused = new ArrayList<>();
    private final LinkedHashMap<ByteBuffer, Placed> placed = new LinkedHashMap<>();
    private final long retryTicks;
    private long ticks;
    private long checkedAtTick = -1;
    private int checkedLeader;
    private long checkedTerm;
    private long applied;
    private long compacted;
    /** A snapshot taken for compaction and not yet used: the state as of {@link #pendingCompactionIndex}. */
    private byte[] pendingCompactionState;
    private long pendingCompactionIndex;
    private long malformed;

    private RaftEngine(int member, RaftNode node, RaftJournal journal, LogStore log,
                       ReplicatedStateMachine stateMachine, long compactEveryEntries, long snapshotIndex,
                       long retryTicks) {
        this.member = member;
        this.node = node;
        this.journal = journal;
        this.log = log;
        this.stateMachine = stateMachine;
        this.compactEveryEntries = compactEveryEntries;
        this.retryTicks = retryTicks;
        this.applied = snapshotIndex;
        this.compacted = snapshotIndex;
    }

    /**
     * Opens member {@code member} of {@code memberCount} with its journal under {@code dir} (created if new),
     * restoring the state machine from the newest snapshot; the log after it is re-applied by the first
     * {@link #process()} calls as the node learns the commit index.
     *
     * @param timing election and heartbeat ticks and batching limits; its id and voters are replaced
     */
    public static RaftEngine open(int member, int memberCount, RaftConfig timing, Path dir,
                                  ReplicatedStateMachine stateMachine, RandomGenerator random,
                                  long compactEveryEntries) throws IOException {
        if (member < 0 || member >= memberCount) {
            throw new IllegalArgumentException("member " + member + " outside 0.." + (memberCount - 1));
        }
        if (compactEveryEntries < 1) {
            throw new IllegalArgumentException("compactEveryEntries must be at least 1, was " + compactEveryEntries);
        }
        Set<Integer> voters = new TreeSet<>();
        for (int i = 1; i <= memberCount; i++) {
            voters.add(i);
        }
        RaftConfig config = new RaftConfig(member + 1, voters, Set.of(), timing.electionTimeoutTicks(),
                timing.heartbeatTicks(), timing.maxEntriesPerMessage(), timing.maxBytesPerMessage(),
                timing.maxInflightMessages(), timing.preVote(), timing.checkQuorum()).validate();
        LogStore log = SegmentedFileLog.open(dir.resolve("log"), LogConfig.defaults());
        try {
            RaftJournal journal = RaftJournal.open(log, new MetadataFile(dir.resolve("hard-state")),
                    new HintFile(dir.resolve("commit-hint")),
                    new SnapshotStore(dir.resolve("snapshots")));
            PersistentState state = journal.recover();
            if (state.snapshot().index() > 0) {
                stateMachine.restore(state.snapshot().data());
            }
            return new RaftEngine(member, new RaftNode(config, state, random), journal, log, stateMachine,
                    compactEveryEntries, state.snapshot().index(), 2L * config.electionTimeoutTicks());
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
    }

    @Override
    public void propose(byte[] command) {
        held.add(command.clone());
    }

    @Override
    public boolean withdraw(byte[] command) {
        placed.remove(ByteBuffer.wrap(command));
        return held.removeIf(waiting -> Arrays.equals(waiting, command));
    }

    @Override
    public void tick() {
        ticks++;
        node.tick();
    }

    @Override
    public void receive(int fromMember, byte[] payload) {
        if (payload.length < 1) {
            malformed++;
            return;
        }
        byte[] body = Envelope.body(payload);
        if (payload[0] == MESSAGE_FRAME_KIND) {
            try {
                RaftMessage message = RaftMessageCodec.decode(body);
                if (message.from() != fromMember + 1 || message.to() != member + 1) {
                    malformed++; // a frame must come from the member it names, to this member
                    return;
                }
                node.step(message);
            } catch (MalformedMessageException e) {
                malformed++;
            }
        } else if (payload[0] == FORWARD_FRAME_KIND) {
            try {
                node.propose(body);
            } catch (NotLeaderException | ProposalRejectedException e) {
                malformed++; // leadership moved on: the proposer times out and may retry
            }
        } else {
            malformed++;
        }
    }

    @Override
    public EngineOutput process() throws IOException {
        List<Frame> frames = new ArrayList<>();
        placeHeldProposals(frames);
        List<Applied> appliedNow = new ArrayList<>();
        while (node.hasReady()) {
            Ready ready = node.ready();
            journal.persist(ready);
            for (RaftMessage message : ready.messages()) {
                byte[] payload = Envelope.wrap(MESSAGE_FRAME_KIND, RaftMessageCodec.encode(message));
                frames.add(new Frame(message.to() - 1, payload, message.type() == MessageType.INSTALL_SNAPSHOT));
            }
            if (ready.snapshot().isPresent()) {
                Snapshot snapshot = ready.snapshot().get();
                stateMachine.restore(snapshot.data());
                applied = snapshot.index();
                compacted = snapshot.index();
                pendingCompactionState = null; // the leader's snapshot supersedes ours
            }
            List<ReplicatedStateMachine.Committed> batch = new ArrayList<>();
            for (Entry entry : ready.committedEntries()) {
                if (entry.index() <= applied) {
                    continue;
                }
                applied = entry.index();
                if (entry.type() == EntryType.NORMAL && entry.data().length > 0) { // empty: a new leader's no-op
                    placed.remove(ByteBuffer.wrap(entry.data()));
                    batch.add(new ReplicatedStateMachine.Committed(entry.index(), entry.data()));
                }
            }
            if (!batch.isEmpty()) {
                List<byte[]> results = stateMachine.applyAll(batch);
                for (int i = 0; i < batch.size(); i++) {
                    appliedNow.add(new Applied(batch.get(i).position(), batch.get(i).command(), results.get(i),
                            new byte[0]));
                }
            }
            node.advance(ready);
        }
        compactWhenDue();
        List<byte[]> refusedNow = List.copyOf(refused);
        refused.clear();
        return new EngineOutput(frames, appliedNow, refusedNow);
    }

    /**
     * Every {@code compactEveryEntries} applied commands: snapshots the state, and compacts the log up to it once
     * every follower holds the entries it covers, or at the latest {@code compactEveryEntries} later. A leader that
     * compacted at once cut away the entries its followers were still being sent under load (they trail by a round),
     * so each of them then needed the whole state as a snapshot instead of a few entries.
     */
    private void compactWhenDue() throws IOException {
        if (pendingCompactionState == null && applied - compacted >= compactEveryEntries) {
            pendingCompactionIndex = applied;
            pendingCompactionState = stateMachine.snapshot(); // the state as of this index, held until it is used
        }
        if (pendingCompactionState != null && (everyFollowerHas(pendingCompactionIndex)
                || applied - compacted >= 2 * compactEveryEntries)) {
            journal.compact(node.compact(pendingCompactionIndex, pendingCompactionState));
            compacted = pendingCompactionIndex;
            pendingCompactionState = null;
        }
    }

    /** True unless this member leads and a follower's log ends before {@code index}. */
    private boolean everyFollowerHas(long index) {
        Status status = node.status();
        if (status.role() != StateRole.LEADER) {
            return true;
        }
        for (Map.Entry<Integer, Long> matched : status.matchIndexes().entrySet()) {
            if (matched.getKey() != member + 1 && matched.getValue() < index) {
                return false;
            }
        }
        return true;
    }

    /**
     * Proposes held commands as leader, forwards them to a known leader, or keeps them (bounded) until one is; places
     * again what was placed before if the leader changed since or it has waited {@code retryTicks}.
     */
    private void placeHeldProposals(List<Frame> frames) {
        Status status = node.status();
        boolean leading = status.role() == StateRole.LEADER;
        if (!leading && status.leaderId() == RaftNode.NONE) {
            while (held.size() > HELD_PROPOSALS_MAX) {
                refused.add(held.pollLast());
            }
            return;
        }
        // At most once per tick or leadership change, so a long list of waiting proposals costs little per frame.
        if (ticks != checkedAtTick || status.leaderId() != checkedLeader || status.term() != checkedTerm) {
            checkedAtTick = ticks;
            checkedLeader = status.leaderId();
            checkedTerm = status.term();
            for (Placed waiting : placed.values()) {
                // A leader's own entry stays in its log for its whole term; a forward may be lost on the way.
                boolean lost = waiting.leader != status.leaderId() || waiting.term != status.term()
                        || (!leading && ticks - waiting.placedAtTick >= retryTicks);
                if (lost && place(waiting.command, leading, status.leaderId(), frames)) {
                    waiting.placedWith(status, ticks);
                }
            }
        }
        while (!held.isEmpty()) {
            byte[] command = held.poll();
            if (place(command, leading, status.leaderId(), frames)) {
                Placed fresh = new Placed(command);
                fresh.placedWith(status, ticks);
                placed.put(ByteBuffer.wrap(command), fresh);
            } else {
                refused.add(command);
            }
        }
        Iterator<ByteBuffer> oldest = placed.keySet().iterator();
        while (placed.size() > PLACED_PROPOSALS_MAX) {
            oldest.next();
            oldest.remove(); // already on its way; only the retry is given up
        }
    }

    /** Appends {@code command} to the log as leader or forwards it to the leader; false if the leader refused it. */
    private boolean place(byte[] command, boolean leading, int leaderId, List<Frame> frames) {
        if (!leading) {
            frames.add(new Frame(leaderId - 1, Envelope.wrap(FORWARD_FRAME_KIND, command)));
            return true;
        }
        try {
            node.propose(command);
            return true;
        } catch (NotLeaderException | ProposalRejectedException e) {
            return false;
        }
    }

    @Override
    public EngineStatus status() {
        Status status = node.status();
        Map<Integer, Long> matched = new HashMap<>();
        status.matchIndexes().forEach((id, index) -> matched.put(id - 1, index));
        return new EngineStatus("raft", member, status.role().name(), status.term(),
                status.leaderId() == RaftNode.NONE ? -1 : status.leaderId() - 1, status.commitIndex(), applied,
                matched);
    }

    @Override
    public long malformedFrames() {
        return malformed;
    }

    /** Asks the leader to hand leadership to {@code targetMember} (Raft §3.10). */
    public void transferLeadership(int targetMember) throws NotLeaderException {
        node.transferLeadership(targetMember + 1);
    }

    @Override
    public void close() throws IOException {
        try {
            journal.close();
        } finally {
            log.close();
        }
    }
}
