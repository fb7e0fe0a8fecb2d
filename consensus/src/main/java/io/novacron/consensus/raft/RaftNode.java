package io.novacron.consensus.raft;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

import static io.novacron.consensus.raft.MessageType.APPEND_ENTRIES;
import static io.novacron.consensus.raft.MessageType.APPEND_ENTRIES_RESPONSE;
import static io.novacron.consensus.raft.MessageType.HEARTBEAT;
import static io.novacron.consensus.raft.MessageType.HEARTBEAT_RESPONSE;
import static io.novacron.consensus.raft.MessageType.INSTALL_SNAPSHOT;
import static io.novacron.consensus.raft.MessageType.INSTALL_SNAPSHOT_RESPONSE;
import static io.novacron.consensus.raft.MessageType.PRE_VOTE;
import static io.novacron.consensus.raft.MessageType.PRE_VOTE_RESPONSE;
import static io.novacron.consensus.raft.MessageType.READ_INDEX;
import static io.novacron.consensus.raft.MessageType.READ_INDEX_RESPONSE;
import static io.novacron.consensus.raft.MessageType.REQUEST_VOTE;
import static io.novacron.consensus.raft.MessageType.REQUEST_VOTE_RESPONSE;
import static io.novacron.consensus.raft.MessageType.TIMEOUT_NOW;

/**
 * One Raft replica as a deterministic state machine: {@link #tick()}, {@link #step(RaftMessage)} and the
 * propose calls go in, {@link #ready()} hands out what to persist, send and apply, {@link #advance(Ready)}
 * acknowledges it.
 * Keeping disk, network, clock and randomness outside (etcd's RawNode shape) is what makes every run
 * reproducible from a seed. Thread-unsafe by design: exactly one driver thread may touch an instance.
 * <p>
 * Role behaviour lives in a swappable step function installed by becomeFollower / becomePreCandidate /
 * becomeCandidate / becomeLeader, as in etcd.
 */
public final class RaftNode {

    /** "No node": no vote cast, no leader known. */
    public static final int NONE = 0;

    @FunctionalInterface
    private interface StepFunction {
        void step(RaftMessage m);
    }

    private final RaftConfig config;
    private final int id;
    private final RandomGenerator random;
    private final RaftLog log;

    private long term;
    private int votedFor;
    private int leaderId = NONE;
    private StateRole role = StateRole.FOLLOWER;
    private StepFunction step;
    private HardState persistedHardState;

    /** Index of the latest configuration entry in the log (or of the snapshot holding it). */
    private long confIndex;
    /** Leader only: index of the last configuration entry it proposed; one change at a time. */
    private long pendingConfIndex;

    /** Membership in effect (the latest configuration entry in the log, dissertation §4.1), progress and votes. */
    private final ProgressTracker tracker;
    private int electionElapsedTicks;
    private int heartbeatElapsedTicks;
    private int randomizedElectionTimeoutTicks;
    private int leadTransferee = NONE;

    private final List<RaftMessage> outbox = new ArrayList<>();
    private final ReadIndexQueue pendingReads = new ReadIndexQueue();
    /** Reads asked before this leader committed an entry of its term; §6.4 says wait for that no-op. */
    private final List<ReadRequest> readsAwaitingTermCommit = new ArrayList<>();

    private record ReadRequest(int requester, byte[] context) {
    }
    private final List<ReadState> readStates = new ArrayList<>();

    /** A node with the default majority quorum rule. */
    public RaftNode(RaftConfig config, PersistentState state, RandomGenerator random) {
        this(config, state, random, QuorumRule.majority());
    }

    /**
     * Rebuilds a node from what the driver read back from stable storage (empty for a brand-new node).
     *
     * @param random     the only source of randomness (election timeouts); seeded by the caller
     * @param quorumRule how many voters decide; tests may inject a broken one
     */
    public RaftNode(RaftConfig config, PersistentState state, RandomGenerator random, QuorumRule quorumRule) {
        this.config = Objects.requireNonNull(config, "config").validate();
        this.id = config.id();
        this.random = Objects.requireNonNull(random, "random");
        this.tracker = new ProgressTracker(id, Objects.requireNonNull(quorumRule, "quorumRule"), config.maxInflightMessages());
        this.log = new RaftLog(state);
        this.term = state.hardState().term();
        this.votedFor = state.hardState().votedFor();
        this.persistedHardState = state.hardState();
        refreshConf();
        becomeFollower(term, NONE);
    }

    // ---------------------------------------------------------------- driver API

    /** Advances logical time by one tick: elections for followers and candidates, heartbeats for the leader. */
    public void tick() {
        if (role == StateRole.LEADER) {
            tickLeader();
        } else {
            electionElapsedTicks++;
            if (isPromotable() && electionElapsedTicks >= randomizedElectionTimeoutTicks) {
                electionElapsedTicks = 0;
                startElection(false);
            }
        }
    }

    /** Feeds one message received from a peer. Messages for another node are a routing bug and rejected. */
    public void step(RaftMessage m) {
        if (m.to() != id) {
            throw new IllegalArgumentException("message for node " + m.to() + " delivered to node " + id + ": " + m);
        }
        if (m.term() > term) {
            if (!acceptHigherTerm(m)) {
                return;
            }
        } else if (m.term() < term) {
            answerStaleTerm(m);
            return;
        }
        if (m.type() == PRE_VOTE || m.type() == REQUEST_VOTE) {
            handleVoteRequest(m);
        } else {
            step.step(m);
        }
    }

    /**
     * Appends a command to the leader's log and starts replicating it.
     *
     * @return the log index the command will have if it commits
     * @throws NotLeaderException         on a non-leader, naming the known leader
     * @throws ProposalRejectedException  while a leadership transfer is in progress
     */
    public long propose(byte[] command) throws NotLeaderException, ProposalRejectedException {
        if (command.length == 0) {
            throw new IllegalArgumentException("empty commands are reserved for leader no-ops");
        }
        requireLeaderAcceptingProposals();
        return appendAsLeader(EntryType.NORMAL, command);
    }

    /**
     * Proposes a single-server membership change (dissertation §4.1); it takes effect as soon as appended.
     *
     * @throws ProposalRejectedException if another change is uncommitted, the leader has not yet committed
     *                                   an entry of its term, or the change is a no-op / would leave no voter
     */
    public long proposeConfChange(ConfChange change) throws NotLeaderException, ProposalRejectedException {
        requireLeaderAcceptingProposals();
        if (pendingConfIndex > log.commitIndex()) {
            throw new ProposalRejectedException("membership change at index " + pendingConfIndex + " not yet committed");
        }
        // Ongaro's 2015 raft-dev correction to §4.1: a new leader must commit an entry of its own term before
        // changing membership, or a change from a previous term could be lost while a new one commits.
        if (log.term(log.commitIndex()) != term) {
            throw new ProposalRejectedException("leader has not committed an entry of term " + term + " yet");
        }
        ConfState next = tracker.conf().apply(change);
        if (next.equals(tracker.conf())) {
            throw new ProposalRejectedException("change " + change + " does not alter " + tracker.conf());
        }
        if (next.voters().isEmpty()) {
            throw new ProposalRejectedException("change " + change + " would leave no voter");
        }
        return appendAsLeader(EntryType.CONF_CHANGE, change.encode());
    }

    /**
     * Starts a leadership transfer to {@code target} (dissertation §3.10): new proposals are refused, the target is
     * brought up to date and told TIMEOUT_NOW; the transfer is abandoned after one election timeout.
     */
    public void transferLeadership(int target) throws NotLeaderException {
        requireLeader();
        if (target == id || target == leadTransferee) {
            return;
        }
        if (!tracker.isVoter(target)) {
            throw new IllegalArgumentException("transfer target " + target + " is not a voter of " + tracker.conf());
        }
        leadTransferee = target;
        electionElapsedTicks = 0;
        if (tracker.get(target).matchIndex() == log.lastIndex()) {
            sendTimeoutNow(target);
        } else {
            maybeSendAppend(target, true);
        }
    }

    /**
     * Requests a linearizable read (dissertation §6.4): once the leader has committed an entry of its term
     * and a quorum has answered a heartbeat round, a {@link ReadState} with the leader's commit index at request
     * time appears in a Ready of this node. A follower forwards the request to the leader it knows (READ_INDEX).
     * Reads are not retried: if leadership changes or a message is lost, no ReadState comes and the client retries.
     * The context must be unique among outstanding reads cluster-wide (e.g. node id + counter), because the
     * leader matches acknowledgements by it.
     *
     * @throws NotLeaderException        if this node knows no leader (e.g. during an election)
     * @throws ProposalRejectedException if the leader already has too many reads waiting
     */
    public void readIndex(byte[] requestContext) throws NotLeaderException, ProposalRejectedException {
        if (role != StateRole.LEADER) {
            if (leaderId == NONE) {
                throw new NotLeaderException(id, NONE);
            }
            send(RaftMessage.builder(READ_INDEX, id, leaderId, term).context(requestContext));
            return;
        }
        if (!acceptRead(id, requestContext)) {
            throw new ProposalRejectedException("too many pending reads (" + ReadIndexQueue.MAX_PENDING + ")");
        }
    }

    /**
     * The application took a snapshot of its state as of {@code index} (≤ applied): drop the log prefix (Raft §7).
     *
     * @return the snapshot (with term and membership filled in) that the driver must persist before it deletes
     *         stored entries up to {@code index}; the node sends it to followers that fall behind the prefix
     */
    public Snapshot compact(long index, byte[] snapshotState) {
        if (index > log.appliedIndex()) {
            throw new IllegalArgumentException("cannot compact to " + index + " beyond applied index " + log.appliedIndex());
        }
        Snapshot s = new Snapshot(index, log.term(index), confAt(index), snapshotState);
        log.compact(s);
        return s;
    }

    /** Whether {@link #ready()} would return anything to do. */
    public boolean hasReady() {
        return !hardState().equals(persistedHardState) || log.hasUnstable() || log.pendingSnapshot() != null
                || !outbox.isEmpty() || log.hasCommittedToApply() || !readStates.isEmpty();
    }

    /**
     * Collects the work accumulated since the last {@link #advance(Ready)}; see {@link Ready} for the ordering
     * contract. Messages and read states are handed out once; the rest is repeated until advanced.
     */
    public Ready ready() {
        HardState hs = hardState();
        Ready rd = new Ready(hs.equals(persistedHardState) ? Optional.empty() : Optional.of(hs), log.unstableEntries(),
                Optional.ofNullable(log.pendingSnapshot()), List.copyOf(outbox), log.committedToApply(),
                List.copyOf(readStates));
        outbox.clear();
        readStates.clear();
        return rd;
    }

    /** The driver has persisted, sent and applied {@code rd} as its contract says. */
    public void advance(Ready rd) {
        rd.hardState().ifPresent(hs -> persistedHardState = hs);
        rd.snapshot().ifPresent(log::snapshotPersisted);
        if (!rd.entries().isEmpty()) {
            Entry last = rd.entries().get(rd.entries().size() - 1);
            log.stableTo(last.index(), last.term());
        }
        if (!rd.committedEntries().isEmpty()) {
            long lastApplied = rd.committedEntries().get(rd.committedEntries().size() - 1).index();
            // A snapshot installed between ready() and advance() may already have moved applied past this batch.
            if (lastApplied > log.appliedIndex()) {
                log.appliedTo(lastApplied);
            }
        }
    }

    /** A copy of this node's state for operators and checkers. */
    public Status status() {
        return new Status(id, role, term, votedFor, leaderId, log.commitIndex(), log.appliedIndex(), log.lastIndex(),
                log.snapshot().index(), tracker.conf(), tracker.matchIndexes(), leadTransferee);
    }

    /** This node's id. */
    public int id() {
        return id;
    }

    // ---------------------------------------------------------------- role transitions

    private void becomeFollower(long newTerm, int leader) {
        reset(newTerm);
        step = this::stepFollower;
        leaderId = leader;
        role = StateRole.FOLLOWER;
    }

    private void becomePreCandidate() {
        if (role == StateRole.LEADER) {
            throw new IllegalStateException("Invariant: a leader never becomes a pre-candidate");
        }
        // Dissertation §9.6: neither term nor vote change, so a partitioned node cannot inflate terms.
        step = this::stepCandidate;
        tracker.resetVotes();
        leaderId = NONE;
        role = StateRole.PRE_CANDIDATE;
        resetRandomizedElectionTimeout();
    }

    private void becomeCandidate() {
        if (role == StateRole.LEADER) {
            throw new IllegalStateException("Invariant: a leader never becomes a candidate");
        }
        reset(term + 1);
        step = this::stepCandidate;
        votedFor = id;
        role = StateRole.CANDIDATE;
    }

    private void becomeLeader() {
        if (role != StateRole.CANDIDATE) {
            throw new IllegalStateException("Invariant: only a candidate becomes leader, was " + role);
        }
        reset(term);
        step = this::stepLeader;
        leaderId = id;
        role = StateRole.LEADER;
        tracker.syncProgress(log.lastIndex());
        // Any configuration entry in our log may still be uncommitted; be conservative (etcd does the same).
        pendingConfIndex = log.lastIndex();
        // Raft §8: a no-op of the new term lets earlier-term entries commit (Figure 8) and enables reads (§6.4).
        appendAsLeader(EntryType.NORMAL, new byte[0]);
    }

    private void reset(long newTerm) {
        if (newTerm != term) {
            term = newTerm;
            votedFor = NONE;
        }
        leaderId = NONE;
        electionElapsedTicks = 0;
        heartbeatElapsedTicks = 0;
        resetRandomizedElectionTimeout();
        leadTransferee = NONE;
        tracker.resetVotes();
        tracker.clearProgress();
        pendingReads.clear();
        readsAwaitingTermCommit.clear();
    }

    private void resetRandomizedElectionTimeout() {
        // Raft §5.2: spread timeouts over [T, 2T) so one candidate usually wins before the others wake up.
        randomizedElectionTimeoutTicks = config.electionTimeoutTicks() + random.nextInt(config.electionTimeoutTicks());
    }

    // ---------------------------------------------------------------- elections

    private boolean isPromotable() {
        return tracker.isVoter(id);
    }

    private void startElection(boolean transfer) {
        if (role == StateRole.LEADER || !isPromotable()) {
            return;
        }
        // Pre-vote is skipped on TIMEOUT_NOW: the leader itself asked us to take over (§3.10).
        campaign(config.preVote() && !transfer, transfer);
    }

    private void campaign(boolean pre, boolean transfer) {
        long voteTerm;
        if (pre) {
            becomePreCandidate();
            voteTerm = term + 1;
        } else {
            becomeCandidate();
            voteTerm = term;
        }
        if (tracker.recordVote(id, true) == ProgressTracker.VoteResult.WON) {
            winElection(pre);
            return;
        }
        MessageType type = pre ? PRE_VOTE : REQUEST_VOTE;
        for (int voter : tracker.conf().voters()) {
            if (voter != id) {
                send(RaftMessage.builder(type, id, voter, voteTerm).logTerm(log.lastTerm()).index(log.lastIndex())
                        .transfer(transfer));
            }
        }
    }

    private void winElection(boolean pre) {
        if (pre) {
            campaign(false, false);
        } else {
            becomeLeader();
        }
    }

    /** Returns whether processing should continue after adopting the higher term. */
    private boolean acceptHigherTerm(RaftMessage m) {
        MessageType t = m.type();
        if (t == PRE_VOTE || t == REQUEST_VOTE) {
            // Dissertation §4.2.3: while we hear from a leader, ignore campaigns from (e.g. removed) nodes.
            boolean inLease = config.checkQuorum() && leaderId != NONE && electionElapsedTicks < config.electionTimeoutTicks();
            if (inLease && !m.transfer()) {
                return false;
            }
        }
        if (t == PRE_VOTE || (t == PRE_VOTE_RESPONSE && !m.reject())) {
            return true; // §9.6: pre-votes never change anyone's term
        }
        boolean fromLeader = t == APPEND_ENTRIES || t == HEARTBEAT || t == INSTALL_SNAPSHOT;
        becomeFollower(m.term(), fromLeader ? m.from() : NONE);
        return true;
    }

    private void answerStaleTerm(RaftMessage m) {
        if ((config.checkQuorum() || config.preVote()) && (m.type() == APPEND_ENTRIES || m.type() == HEARTBEAT)) {
            // A deposed leader (e.g. after a partition) learns our term from this and steps down; without it,
            // with pre-vote on, it could keep us from ever electing anyone it can still reach.
            send(RaftMessage.builder(APPEND_ENTRIES_RESPONSE, id, m.from(), term).reject(true));
        } else if (m.type() == PRE_VOTE) {
            send(RaftMessage.builder(PRE_VOTE_RESPONSE, id, m.from(), term).reject(true));
        }
    }

    private void handleVoteRequest(RaftMessage m) {
        boolean pre = m.type() == PRE_VOTE;
        boolean canVote = votedFor == m.from() || (votedFor == NONE && leaderId == NONE) || (pre && m.term() > term);
        // Raft §5.4.1 election restriction: never vote for a log less up to date than ours.
        boolean grant = canVote && log.isUpToDate(m.logTerm(), m.index());
        MessageType response = pre ? PRE_VOTE_RESPONSE : REQUEST_VOTE_RESPONSE;
        if (grant) {
            if (!pre) {
                electionElapsedTicks = 0;
                votedFor = m.from();
            }
            send(RaftMessage.builder(response, id, m.from(), m.term()));
        } else {
            send(RaftMessage.builder(response, id, m.from(), term).reject(true));
        }
    }

    // ---------------------------------------------------------------- step functions

    private void stepFollower(RaftMessage m) {
        switch (m.type()) {
            case APPEND_ENTRIES -> {
                heardFromLeader(m);
                handleAppendEntries(m);
            }
            case HEARTBEAT -> {
                heardFromLeader(m);
                handleHeartbeat(m);
            }
            case INSTALL_SNAPSHOT -> {
                heardFromLeader(m);
                handleInstallSnapshot(m);
            }
            case TIMEOUT_NOW -> startElection(true);
            case READ_INDEX_RESPONSE -> readStates.add(new ReadState(m.index(), m.context()));
            default -> {
                // Stale responses from an earlier role carry nothing a follower needs.
            }
        }
    }

    private void stepCandidate(RaftMessage m) {
        MessageType expected = role == StateRole.PRE_CANDIDATE ? PRE_VOTE_RESPONSE : REQUEST_VOTE_RESPONSE;
        switch (m.type()) {
            case APPEND_ENTRIES, HEARTBEAT, INSTALL_SNAPSHOT -> {
                // Raft §5.2: a leader of our term exists; give up the campaign.
                becomeFollower(m.term(), m.from());
                stepFollower(m);
            }
            default -> {
                if (m.type() != expected) {
                    return;
                }
                ProgressTracker.VoteResult result = tracker.recordVote(m.from(), !m.reject());
                if (result == ProgressTracker.VoteResult.WON) {
                    winElection(role == StateRole.PRE_CANDIDATE);
                } else if (result == ProgressTracker.VoteResult.LOST) {
                    becomeFollower(term, NONE);
                }
            }
        }
    }

    private void stepLeader(RaftMessage m) {
        switch (m.type()) {
            case APPEND_ENTRIES, HEARTBEAT, INSTALL_SNAPSHOT ->
                    throw new IllegalStateException("Invariant: election safety, two leaders in term " + term
                            + ": " + id + " and " + m.from());
            case APPEND_ENTRIES_RESPONSE -> handleAppendResponse(m);
            case HEARTBEAT_RESPONSE -> handleHeartbeatResponse(m);
            case INSTALL_SNAPSHOT_RESPONSE -> handleSnapshotResponse(m);
            case READ_INDEX -> acceptRead(m.from(), m.context()); // when full, the follower's client times out
            default -> {
                // Late vote responses and TIMEOUT_NOW for an old term need no action.
            }
        }
    }

    private void heardFromLeader(RaftMessage m) {
        electionElapsedTicks = 0;
        leaderId = m.from();
    }

    // ---------------------------------------------------------------- follower side of replication

    private void handleAppendEntries(RaftMessage m) {
        if (m.index() < log.commitIndex()) {
            // Everything up to our commit index is known to match; tell the leader where we really are.
            send(RaftMessage.builder(APPEND_ENTRIES_RESPONSE, id, m.from(), term).index(log.commitIndex()));
            return;
        }
        long lastNew = log.maybeAppend(m.index(), m.logTerm(), m.commitIndex(), m.entries());
        if (lastNew >= 0) {
            boolean confTouched = confIndex > m.index()
                    || m.entries().stream().anyMatch(e -> e.type() == EntryType.CONF_CHANGE);
            if (confTouched) {
                refreshConf();
            }
            send(RaftMessage.builder(APPEND_ENTRIES_RESPONSE, id, m.from(), term).index(lastNew));
            return;
        }
        // Raft §5.3 with the paper's fast backtracking: name the conflicting term and where it starts.
        RaftMessage.Builder reject = RaftMessage.builder(APPEND_ENTRIES_RESPONSE, id, m.from(), term)
                .index(m.index()).reject(true);
        if (m.index() > log.lastIndex()) {
            reject.hint(log.lastIndex() + 1, 0);
        } else {
            reject.hint(log.firstIndexOfTermAt(m.index()), log.term(m.index()));
        }
        send(reject);
    }

    private void handleHeartbeat(RaftMessage m) {
        log.commitTo(m.commitIndex());
        send(RaftMessage.builder(HEARTBEAT_RESPONSE, id, m.from(), term).context(m.context()));
    }

    private void handleInstallSnapshot(RaftMessage m) {
        Snapshot s = m.snapshot();
        if (s.index() <= log.commitIndex()) {
            send(RaftMessage.builder(INSTALL_SNAPSHOT_RESPONSE, id, m.from(), term).index(log.commitIndex()));
            return;
        }
        if (log.matchTerm(s.index(), s.term())) {
            // We already hold the snapshot's last entry, so our prefix matches: just fast-forward the commit.
            log.commitTo(s.index());
        } else {
            log.restore(s);
            refreshConf();
        }
        send(RaftMessage.builder(INSTALL_SNAPSHOT_RESPONSE, id, m.from(), term).index(s.index()));
    }

    // ---------------------------------------------------------------- leader side of replication

    private void requireLeader() throws NotLeaderException {
        if (role != StateRole.LEADER) {
            throw new NotLeaderException(id, leaderId);
        }
    }

    private void requireLeaderAcceptingProposals() throws NotLeaderException, ProposalRejectedException {
        requireLeader();
        if (leadTransferee != NONE) {
            throw new ProposalRejectedException("leadership transfer to " + leadTransferee + " in progress");
        }
    }

    private long appendAsLeader(EntryType type, byte[] data) {
        Entry e = new Entry(term, log.lastIndex() + 1, type, data);
        log.append(List.of(e));
        Progress self = tracker.get(id);
        if (self != null) {
            self.selfAppended(e.index());
        }
        if (type == EntryType.CONF_CHANGE) {
            pendingConfIndex = e.index();
            refreshConf();
        }
        maybeCommit(); // a single-voter cluster commits on append
        if (role == StateRole.LEADER) {
            broadcastAppend();
        }
        return e.index();
    }

    private void tickLeader() {
        heartbeatElapsedTicks++;
        electionElapsedTicks++;
        if (electionElapsedTicks >= config.electionTimeoutTicks()) {
            electionElapsedTicks = 0;
            if (config.checkQuorum() && !tracker.quorumActiveAndReset()) {
                // A leader cut off from a quorum steps down so clients look elsewhere (dissertation §6.2).
                becomeFollower(term, NONE);
                return;
            }
            leadTransferee = NONE; // §3.10: a transfer that has not finished within an election timeout is aborted
        }
        for (Progress pr : tracker.all().values()) {
            if (pr.snapshotTimedOut(config.electionTimeoutTicks())) {
                pr.becomeProbe(); // assume the snapshot or its response was lost
            }
        }
        if (heartbeatElapsedTicks >= config.heartbeatTicks()) {
            heartbeatElapsedTicks = 0;
            broadcastHeartbeat(new byte[0]);
        }
    }

    private void broadcastAppend() {
        for (int to : tracker.peers()) {
            maybeSendAppend(to, true);
        }
    }

    private void broadcastHeartbeat(byte[] context) {
        for (int to : tracker.peers()) {
            // Never tell a follower a commit index beyond what it is known to hold.
            long commit = Math.min(tracker.get(to).matchIndex(), log.commitIndex());
            send(RaftMessage.builder(HEARTBEAT, id, to, term).commitIndex(commit).context(context));
        }
    }

    /** Sends appends to {@code to} until its window is full or it is up to date. */
    private void fillPipeline(int to) {
        for (int sent = 0; sent <= config.maxInflightMessages() && maybeSendAppend(to, false); sent++) {
            // bounded: at most one message per window slot, plus the probe
        }
    }

    private boolean maybeSendAppend(int to, boolean sendIfEmpty) {
        Progress pr = tracker.get(to);
        if (pr == null || pr.isPaused()) {
            return false;
        }
        long prevIndex = pr.nextIndex() - 1;
        long prevTerm = log.term(prevIndex);
        if (prevTerm == RaftLog.UNKNOWN_TERM) {
            if (prevIndex > log.lastIndex()) {
                throw new IllegalStateException("Invariant: nextIndex " + pr.nextIndex() + " <= lastIndex+1 " + (log.lastIndex() + 1));
            }
            sendSnapshot(to, pr); // Raft §7: the entries this follower needs were compacted away
            return true;
        }
        List<Entry> entries = pr.nextIndex() <= log.lastIndex()
                ? log.slice(pr.nextIndex(), config.maxEntriesPerMessage(), config.maxBytesPerMessage()) : List.of();
        if (entries.isEmpty() && !sendIfEmpty) {
            return false;
        }
        send(RaftMessage.builder(APPEND_ENTRIES, id, to, term).index(prevIndex).logTerm(prevTerm).entries(entries)
                .commitIndex(log.commitIndex()));
        if (!entries.isEmpty()) {
            pr.sentEntries(entries.get(entries.size() - 1).index());
        } else if (pr.state() == Progress.State.PROBE) {
            pr.sentEntries(prevIndex);
        }
        return true;
    }

    private void sendSnapshot(int to, Progress pr) {
        Snapshot s = log.snapshot();
        if (s.isEmpty()) {
            throw new IllegalStateException("Invariant: a compacted prefix implies a snapshot exists");
        }
        send(RaftMessage.builder(INSTALL_SNAPSHOT, id, to, term).snapshot(s));
        pr.becomeSnapshot(s.index());
    }

    private void handleAppendResponse(RaftMessage m) {
        Progress pr = tracker.get(m.from());
        if (pr == null) {
            return;
        }
        pr.setRecentActive(true);
        if (m.reject()) {
            if (pr.maybeDecrease(m.index(), nextIndexFromHint(m))) {
                if (pr.state() == Progress.State.REPLICATE) {
                    pr.becomeProbe();
                }
                maybeSendAppend(m.from(), true);
            }
            return;
        }
        boolean probeConfirmsMatch = pr.state() == Progress.State.PROBE && m.index() == pr.matchIndex();
        if (!pr.maybeUpdate(m.index()) && !probeConfirmsMatch) {
            return; // a stale or duplicate acknowledgement
        }
        if (pr.state() == Progress.State.PROBE
                || (pr.state() == Progress.State.SNAPSHOT && pr.matchIndex() >= pr.pendingSnapshotIndex())) {
            pr.becomeReplicate();
        }
        if (maybeCommit()) {
            if (role != StateRole.LEADER) {
                return;
            }
            broadcastAppend();
        }
        fillPipeline(m.from());
        if (m.from() == leadTransferee && pr.matchIndex() == log.lastIndex()) {
            sendTimeoutNow(m.from());
        }
    }

    /** The paper's §5.3 optimisation: skip a whole conflicting term per round trip instead of one entry. */
    private long nextIndexFromHint(RaftMessage m) {
        if (m.hintTerm() == 0) {
            return m.hintIndex();
        }
        long ours = log.lastIndexOfTerm(m.hintTerm(), m.index());
        return ours > 0 ? ours + 1 : m.hintIndex();
    }

    private void handleHeartbeatResponse(RaftMessage m) {
        Progress pr = tracker.get(m.from());
        if (pr == null) {
            return;
        }
        pr.setRecentActive(true);
        pr.heartbeatAcknowledged();
        if (pr.matchIndex() < log.lastIndex()) {
            maybeSendAppend(m.from(), true);
        }
        byte[] context = m.context();
        if (context.length > 0) {
            pendingReads.acknowledge(context, m.from(), tracker.conf().voters(), tracker.quorumSize())
                    .forEach(c -> releaseRead(c.requester(), c.read()));
        }
    }

    private void handleSnapshotResponse(RaftMessage m) {
        Progress pr = tracker.get(m.from());
        if (pr == null) {
            return;
        }
        pr.setRecentActive(true);
        pr.maybeUpdate(m.index());
        if (pr.state() == Progress.State.SNAPSHOT) {
            pr.becomeReplicate();
        }
        if (maybeCommit() && role != StateRole.LEADER) {
            return;
        }
        fillPipeline(m.from());
    }

    /**
     * Raft §5.4.2: advance the commit index to what a quorum of voters holds, but only if that entry is from the
     * current term; older-term entries commit indirectly (Figure 8).
     */
    private boolean maybeCommit() {
        long candidate = tracker.quorumMatchIndex();
        if (candidate <= log.commitIndex() || log.term(candidate) != term) {
            return false;
        }
        log.commitTo(candidate);
        afterLeaderCommit();
        return true;
    }

    private void afterLeaderCommit() {
        if (!readsAwaitingTermCommit.isEmpty() && log.term(log.commitIndex()) == term) {
            List<ReadRequest> waiting = new ArrayList<>(readsAwaitingTermCommit);
            readsAwaitingTermCommit.clear();
            waiting.forEach(r -> startRead(r.requester(), r.context()));
        }
        if (!tracker.isVoter(id) && confIndex <= log.commitIndex()) {
            // Dissertation §4.2.2: a leader removed from the configuration steps down once the removal commits.
            broadcastAppend(); // let the others learn the commit before we go quiet
            becomeFollower(term, NONE);
        }
    }

    /** Leader: queues or starts a read for {@code requester}; false if the bounded queues are full. */
    private boolean acceptRead(int requester, byte[] context) {
        if (pendingReads.isFull() || readsAwaitingTermCommit.size() >= ReadIndexQueue.MAX_PENDING) {
            return false;
        }
        if (log.term(log.commitIndex()) != term) {
            // §6.4: until our no-op commits, our commit index may lag entries committed by earlier leaders.
            readsAwaitingTermCommit.add(new ReadRequest(requester, context.clone()));
        } else {
            startRead(requester, context);
        }
        return true;
    }

    private void startRead(int requester, byte[] context) {
        if (tracker.quorumSize() == 1 && tracker.isVoter(id)) {
            releaseRead(requester, new ReadState(log.commitIndex(), context));
            return;
        }
        pendingReads.add(requester, log.commitIndex(), context, id);
        broadcastHeartbeat(context);
    }

    private void releaseRead(int requester, ReadState read) {
        if (requester == id) {
            readStates.add(read);
        } else {
            send(RaftMessage.builder(READ_INDEX_RESPONSE, id, requester, term).index(read.index())
                    .context(read.requestContext()));
        }
    }

    private void sendTimeoutNow(int to) {
        send(RaftMessage.builder(TIMEOUT_NOW, id, to, term));
    }

    // ---------------------------------------------------------------- membership

    /** The membership as of {@code index}: the snapshot's (or bootstrap) membership plus later changes up to it. */
    private ConfState confAt(long index) {
        Snapshot s = log.snapshot();
        ConfState c = s.isEmpty() ? new ConfState(config.voters(), config.learners()) : s.conf();
        for (long i = log.firstIndex(); i <= Math.min(index, log.lastIndex()); i++) {
            Entry e = log.entry(i);
            if (e.type() == EntryType.CONF_CHANGE) {
                c = c.apply(ConfChange.decode(e.data()));
            }
        }
        return c;
    }

    private void refreshConf() {
        tracker.setConf(confAt(log.lastIndex()));
        confIndex = log.snapshot().index();
        for (long i = log.lastIndex(); i >= log.firstIndex(); i--) {
            if (log.entry(i).type() == EntryType.CONF_CHANGE) {
                confIndex = i;
                break;
            }
        }
        if (role == StateRole.LEADER) {
            tracker.syncProgress(log.lastIndex());
            if (leadTransferee != NONE && !tracker.isVoter(leadTransferee)) {
                leadTransferee = NONE;
            }
        }
    }

    // ---------------------------------------------------------------- plumbing

    private HardState hardState() {
        return new HardState(term, votedFor, log.commitIndex());
    }

    private void send(RaftMessage.Builder b) {
        RaftMessage m = b.build();
        if (m.to() == id) {
            throw new IllegalStateException("Invariant: a node never messages itself: " + m);
        }
        outbox.add(m);
    }
}
