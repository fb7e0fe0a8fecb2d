package io.novacron.replication;

import io.novacron.cluster.ClusterConfiguration;
import io.novacron.cluster.ClusterKeys;
import io.novacron.cluster.ClusterMember;
import io.novacron.cluster.ClusterProtocol;
import io.novacron.cluster.ClusterSettings;
import io.novacron.consensus.engine.Applied;
import io.novacron.consensus.engine.ConsensusEngine;
import io.novacron.consensus.engine.EngineDriver;
import io.novacron.consensus.engine.EngineStatus;
import io.novacron.consensus.engine.Frame;
import io.novacron.consensus.engine.PbftEngine;
import io.novacron.consensus.engine.RaftEngine;
import io.novacron.consensus.faults.Equivocator;
import io.novacron.consensus.faults.FaultPlan;
import io.novacron.consensus.faults.FaultyOutputs;
import io.novacron.consensus.pbft.PbftConfig;
import io.novacron.consensus.raft.NotLeaderException;
import io.novacron.consensus.raft.RaftConfig;
import io.novacron.grid.GridNode;
import io.novacron.grid.GridUnavailableException;
import io.novacron.transport.PeerStatistics;
import io.novacron.transport.TransportConnection;
import io.novacron.transport.TransportConnectionFactory;
import io.novacron.transport.TransportException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This member's consensus engine (Raft or PBFT, as configured), run by an {@link EngineDriver} on one thread from
 * the container's managed thread factory: frames from other members arrive through {@link #receive} (the
 * transport's message-driven bean), frames for them leave through the transport's connection factory, committed
 * commands are applied to this member's own copy of the agreed state ({@link ControlPlaneStateMachine} over every
 * {@link AgreedState} bean), and the engine's journal lives under {@code <novacron.data.dir>/consensus}.
 * <p>
 * The engine starts once its preconditions hold, checked every second: the grid node is active (the agreed state
 * lives in it) and, under PBFT, every member's public key is known. Until then writes answer 503 and
 * {@code GET /api/v1/consensus} says what it waits for.
 */
@Singleton
@Startup
@DependsOn({"ClusterConfiguration", "ClusterKeys", "GridNode"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// Nothing here touches a transactional resource: a JTA transaction per call (the default) only cost every write and
// every received frame a begin and a commit.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ConsensusService {

    private static final Logger LOG = Logger.getLogger(ConsensusService.class.getName());
    private static final long START_CHECK_MS = 1_000;
    /** First pause before the engine is reopened after it stopped on a failure; it doubles up to the maximum. */
    private static final long RESTART_DELAY_MS = 5_000;
    private static final long RESTART_DELAY_MAX_MS = 60_000;
    private static final int PBFT_BUNDLE_COMMANDS_MAX = 128;
    /** How long a caller waits for a withdrawal to be confirmed by the consensus thread. */
    private static final long WITHDRAW_WAIT_MS = 500;
    /**
     * The transport stream for snapshots and state transfers: apart from stream 0, so that megabytes of state do not
     * queue ahead of the heartbeats and votes that keep the leader in place.
     */
    private static final int BULK_STREAM = 1;
    /** How long a count of reachable members answers the check before a proposal. */
    private static final long REACHABLE_CACHE_MS = 100;

    @EJB
    ClusterConfiguration cluster;
    @EJB
    ClusterKeys keys;
    @EJB
    GridNode grid;
    @Inject
    @Any
    Instance<AgreedState> agreedStates;
    @Resource(lookup = "eis/novacron/transport")
    TransportConnectionFactory transport;
    @Resource
    ManagedThreadFactory threads;
    @Resource
    TimerService timers;
    @Resource
    ManagedScheduledExecutorService scheduler;
    @Inject
    MetricRegistry registry;
    @Inject
    @ConfigProperty(name = "novacron.data.dir", defaultValue = "novacron-data")
    String dataDir;
    @Inject
    @ConfigProperty(name = "novacron.consensus.tick-ms", defaultValue = "10")
    int tickMillis;
    @Inject
    @ConfigProperty(name = "novacron.consensus.election-ticks", defaultValue = "30")
    int electionTicks;
    @Inject
    @ConfigProperty(name = "novacron.consensus.heartbeat-ticks", defaultValue = "3")
    int heartbeatTicks;
    @Inject
    @ConfigProperty(name = "novacron.consensus.compact-every-entries", defaultValue = "100000")
    long compactEveryEntries;
    @Inject
    @ConfigProperty(name = "novacron.consensus.pbft.checkpoint-interval", defaultValue = "128")
    int pbftCheckpointInterval;
    @Inject
    @ConfigProperty(name = "novacron.consensus.pbft.view-change-ticks", defaultValue = "200")
    int pbftViewChangeTicks;
    @Inject
    @ConfigProperty(name = "novacron.consensus.write-timeout-ms", defaultValue = "10000")
    long writeTimeoutMillis;
    @Inject
    @ConfigProperty(name = "novacron.consensus.max-pending-proposals", defaultValue = "512")
    int maxPendingProposals;

    private ClusterSettings settings;
    private final PendingProposals pending = new PendingProposals();
    private final AtomicLong framesDropped = new AtomicLong();
    private ConsensusMetrics metrics;
    private FaultPlan faults;
    private ControlPlaneStateMachine stateMachine;
    private volatile EngineDriver driver;
    private volatile ConsensusEngine engine;
    private volatile Thread thread;
    private volatile String problem = "starting";
    private volatile ReachableCount reachableCount;
    private volatile long restartNotBeforeMillis;
    private long restartDelayMillis = RESTART_DELAY_MS;

    @PostConstruct
    void configure() {
        settings = cluster.settings();
        if (tickMillis < 1 || heartbeatTicks < 1 || electionTicks <= heartbeatTicks || writeTimeoutMillis < 1
                || compactEveryEntries < 1 || pbftViewChangeTicks < 1 || maxPendingProposals < 1) {
            throw new IllegalArgumentException("Invalid configuration novacron.consensus.*: expected tick-ms >= 1,"
                    + " election-ticks (" + electionTicks + ") > heartbeat-ticks (" + heartbeatTicks + ") >= 1,"
                    + " write-timeout-ms, compact-every-entries, pbft.view-change-ticks and max-pending-proposals"
                    + " >= 1");
        }
        faults = TestFaults.read(ConfigProvider.getConfig());
        if (faults.equivocate() && settings.protocol() != ClusterProtocol.PBFT) {
            throw new IllegalArgumentException("Invalid configuration " + TestFaults.PREFIX + FaultPlan.EQUIVOCATE
                    + "=true: only a PBFT primary can equivocate, and the protocol is " + settings.protocol()
                    .configName());
        }
        metrics = new ConsensusMetrics(registry, settings.protocol().configName());
        List<AgreedState> parts = new ArrayList<>();
        agreedStates.forEach(parts::add);
        stateMachine = new ControlPlaneStateMachine(parts, pending::outcome);
        timers.createIntervalTimer(0, START_CHECK_MS, new TimerConfig("novacron-consensus-start", false));
    }

    /**
     * Starts the engine once the grid is active and, under PBFT, every member's key is known; and starts it again,
     * after a growing pause, when it stopped on a failure (the journal ran out of file handles, the grid failed):
     * reopening rebuilds this member's copy from its journal, exactly as a restart of the server does.
     */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void startWhenReady(Timer timer) {
        if (driver != null || System.currentTimeMillis() < restartNotBeforeMillis) {
            return;
        }
        String waitingFor = preconditionMissing();
        if (waitingFor != null) {
            if (!waitingFor.equals(problem)) {
                LOG.info(() -> "Consensus waits: " + waitingFor);
            }
            problem = waitingFor;
            return;
        }
        try {
            start();
        } catch (IOException | RuntimeException e) {
            problem = "the consensus engine could not start: " + e.getMessage();
            LOG.log(Level.SEVERE, "Consensus not started: " + problem, e);
            closeEngineAfterFailure();
        }
    }

    /** After a failure: releases the journal and sets when the timer may try to start the engine again. */
    private void closeEngineAfterFailure() {
        ConsensusEngine failed = engine;
        if (failed != null) {
            try {
                failed.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Could not close the consensus journal after a failure", e);
            }
        }
        restartNotBeforeMillis = System.currentTimeMillis() + restartDelayMillis;
        LOG.warning("Consensus will be started again in " + restartDelayMillis + " ms");
        restartDelayMillis = Math.min(RESTART_DELAY_MAX_MS, 2 * restartDelayMillis);
    }

    private String preconditionMissing() {
        try {
            grid.running();
        } catch (GridUnavailableException e) {
            return "waiting for the grid, which holds the agreed state: " + e.getMessage();
        }
        if (settings.protocol() == ClusterProtocol.PBFT && !keys.missingMembers().isEmpty()) {
            return "waiting for the public keys of " + keys.missingMembers() + " (see the operator guide's key"
                    + " exchange)";
        }
        return null;
    }

    private void start() throws IOException {
        // Each start applies the log (after the newest snapshot) to an empty state: the copy left in the grid by the
        // last run may be ahead of the journal's snapshot, and applying on top of it would apply twice.
        grid.reclaimOwnCaches();
        stateMachine.clear();
        Path journal = Path.of(dataDir, "consensus");
        int member = settings.indexOf(settings.nodeId());
        ConsensusEngine opened;
        if (settings.protocol() == ClusterProtocol.PBFT) {
            PbftConfig config = new PbftConfig(settings.size(), pbftCheckpointInterval, 4 * pbftCheckpointInterval,
                    16, 0, pbftViewChangeTicks, 16 * pbftViewChangeTicks, Math.max(1, pbftViewChangeTicks / 2))
                    .validate();
            opened = PbftEngine.open(member, config, journal, keys.signer(), keys.keyRing(), stateMachine,
                    new SplittableRandom(new SecureRandom().nextLong()),
                    TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis()), PBFT_BUNDLE_COMMANDS_MAX);
        } else {
            RaftConfig timing = new RaftConfig(1, Set.of(1), Set.of(), electionTicks, heartbeatTicks, 256, 4L << 20,
                    16, true, true);
            opened = RaftEngine.open(member, settings.size(), timing, journal, stateMachine,
                    new SplittableRandom(new SecureRandom().nextLong()), compactEveryEntries);
        }
        engine = opened;
        EngineDriver.Outputs outputs = new Outputs();
        if (faults.isActive()) {
            outputs = faults.equivocate()
                    ? new FaultyOutputs(outputs, faults, scheduler, new Equivocator(member, keys.signer()))
                    : new FaultyOutputs(outputs, faults, scheduler);
        }
        EngineDriver started = new EngineDriver(opened, outputs, TimeUnit.MILLISECONDS.toNanos(tickMillis));
        Thread running = threads.newThread(() -> runDriver(started));
        running.setName("novacron-consensus");
        thread = running;
        driver = started;
        problem = null;
        running.start();
        LOG.info(() -> "Consensus: " + settings.protocol().configName() + " member " + settings.nodeId() + " of "
                + settings.membersValue() + ", journal in " + journal.toAbsolutePath());
    }

    /** Runs the driver; a state that cannot apply (the grid failed) stops this member rather than let it diverge. */
    private void runDriver(EngineDriver running) {
        try {
            running.run();
        } catch (RuntimeException e) {
            problem = "the consensus thread stopped: " + e.getMessage();
            LOG.log(Level.SEVERE, "Consensus stopped: " + problem, e);
        } finally {
            if (driver == running) {
                pending.failAll(new ConsensusUnavailableException("This server's consensus engine stopped: "
                        + problem));
                closeEngineAfterFailure();
                driver = null; // last: the timer reopens the journal only once this one is closed
            }
        }
    }

    @PreDestroy
    void stop() {
        timers.getTimers().forEach(Timer::cancel);
        EngineDriver running = driver;
        if (running == null) {
            return;
        }
        problem = "stopped";
        driver = null;
        running.stop();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pending.failAll(new ConsensusUnavailableException("This server is stopping"));
        try {
            engine.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not close the consensus journal cleanly", e);
        }
    }

    /**
     * Proposes a command for {@code kind}'s agreed state and waits until it is committed and applied on this member.
     *
     * @throws ConsensusUnavailableException the engine is not running here
     * @throws ConsensusOverloadedException  this server already waits for as many proposals as it admits
     * @throws NoQuorumException             too few members are reachable; it was not committed (or, if it had
     *                                       already left this server, may still commit when a quorum returns)
     * @throws CommitTimeoutException        not committed within {@code novacron.consensus.write-timeout-ms} though
     *                                       a quorum seems reachable: the outcome is unknown
     */
    public Agreement agree(byte kind, byte[] payload) {
        EngineDriver running = driver;
        if (running == null) {
            throw new ConsensusUnavailableException("This server's consensus engine is not running: " + problem);
        }
        int reachable = recentlyReachableMembers();
        if (reachable < quorum()) {
            metrics.failed("no_quorum");
            throw new NoQuorumException(noQuorum(reachable) + "; nothing was proposed");
        }
        UUID proposal = UUID.randomUUID();
        byte[] command = new ProposedCommand(kind, proposal, payload).encode();
        CompletableFuture<Agreement> agreed = pending.tryRegister(proposal, System.nanoTime(), maxPendingProposals);
        if (agreed == null) {
            metrics.failed("overloaded");
            throw new ConsensusOverloadedException("This server already waits for " + maxPendingProposals
                    + " changes to commit (novacron.consensus.max-pending-proposals); nothing was proposed, retry in"
                    + " a moment");
        }
        metrics.proposed();
        running.propose(command);
        try {
            return agreed.get(writeTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return notCommittedInTime(running, proposal, command);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.abandon(proposal);
            throw new CommitTimeoutException("Interrupted while waiting for the commit; its outcome is unknown");
        } catch (ExecutionException e) {
            metrics.failed("refused");
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new ConsensusUnavailableException(e.getCause().getMessage());
        }
    }

    private Agreement notCommittedInTime(EngineDriver running, UUID proposal, byte[] command) {
        CompletableFuture<Boolean> withdrawn = new CompletableFuture<>();
        running.execute(engine -> withdrawn.complete(engine.withdraw(command)));
        boolean takenBack;
        try {
            takenBack = withdrawn.get(WITHDRAW_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            takenBack = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            takenBack = false;
        }
        pending.abandon(proposal);
        int reachable = reachableMembers();
        String waited = "Not committed within " + writeTimeoutMillis + " ms";
        if (takenBack) {
            metrics.failed("no_quorum");
            throw new NoQuorumException(waited + ": no leader could be found (" + reachable + " of "
                    + settings.size() + " members reachable); the change was withdrawn and will not be applied");
        }
        if (reachable < quorum()) {
            metrics.failed("no_quorum");
            throw new NoQuorumException(waited + ": " + noQuorum(reachable) + "; it may still commit if a quorum"
                    + " returns, so read before retrying");
        }
        metrics.failed("timeout");
        throw new CommitTimeoutException(waited + " although " + reachable + " of " + settings.size()
                + " members are reachable (a leader change or a slow member); its outcome is unknown, so read before"
                + " retrying");
    }

    private String noQuorum(int reachable) {
        return "this server reaches " + reachable + " of " + settings.size() + " members and " + quorum()
                + " are needed to commit";
    }

    /** Members needed to commit: a majority under Raft, 2f + 1 under PBFT. */
    private int quorum() {
        return settings.protocol() == ClusterProtocol.PBFT ? 2 * settings.faultsTolerated() + 1
                : settings.size() / 2 + 1;
    }

    /**
     * {@link #reachableMembers()} as seen at most {@value #REACHABLE_CACHE_MS} ms ago: the count takes a transport
     * handle and every peer's statistics, which every write paid for when it was asked for each write.
     */
    private int recentlyReachableMembers() {
        long now = System.nanoTime();
        ReachableCount last = reachableCount;
        if (last != null && now - last.countedNanos() < TimeUnit.MILLISECONDS.toNanos(REACHABLE_CACHE_MS)) {
            return last.members();
        }
        int members = reachableMembers();
        reachableCount = new ReachableCount(members, now);
        return members;
    }

    private record ReachableCount(int members, long countedNanos) {
    }

    /** This member plus the peers whose transport connection is up. */
    private int reachableMembers() {
        if (settings.singleMember()) {
            return 1;
        }
        int connected = 1;
        for (PeerStatistics peer : peerStatistics().values()) {
            if (peer.connected()) {
                connected++;
            }
        }
        return connected;
    }

    private Map<String, PeerStatistics> peerStatistics() {
        Map<String, PeerStatistics> peers = new HashMap<>();
        if (!settings.singleMember()) {
            try (TransportConnection connection = transport.getConnection()) {
                connection.statistics().forEach(s -> peers.put(s.peerId(), s));
            }
        }
        return peers;
    }

    /**
     * Asks this member, the Raft leader, to hand leadership to {@code targetId} (Raft §3.10); the target starts an
     * election at once and the API shows the new leader a moment later.
     *
     * @throws LeadershipTransferException under PBFT, when this member does not lead, or it is the target itself
     * @throws IllegalArgumentException    for an id that is not a member
     */
    public void transferLeadership(String targetId) {
        if (settings.member(targetId).isEmpty()) {
            throw new IllegalArgumentException("'" + targetId + "' is not a member; members are "
                    + settings.memberIds());
        }
        if (settings.protocol() != ClusterProtocol.RAFT) {
            throw new LeadershipTransferException("PBFT has no leadership transfer: the primary changes by view"
                    + " change when the backups suspect it");
        }
        EngineDriver running = driver;
        if (running == null) {
            throw new ConsensusUnavailableException("This server's consensus engine is not running: " + problem);
        }
        EngineStatus now = running.status(); // the engine's own view: no need for the transport's statistics
        if (!"LEADER".equals(now.role())) {
            throw new LeadershipTransferException("This server (" + settings.nodeId() + ") is not the leader; "
                    + (now.leader() < 0 ? "no leader is known right now"
                    : "ask the leader, " + settings.members().get(now.leader()).id()));
        }
        if (targetId.equals(settings.nodeId())) {
            throw new LeadershipTransferException(targetId + " already leads");
        }
        int target = settings.indexOf(targetId);
        CompletableFuture<String> asked = new CompletableFuture<>();
        running.execute(current -> {
            try {
                ((RaftEngine) current).transferLeadership(target);
                asked.complete(null);
            } catch (NotLeaderException e) {
                asked.complete("this server stopped leading before the transfer began");
            }
        });
        String refusal;
        try {
            refusal = asked.get(WITHDRAW_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refusal = "interrupted";
        } catch (ExecutionException | TimeoutException e) {
            refusal = "the consensus thread did not take the request in time";
        }
        if (refusal != null) {
            throw new LeadershipTransferException("Leadership transfer to " + targetId + " not started: " + refusal);
        }
        LOG.info(() -> "Consensus: leadership transfer from " + settings.nodeId() + " to " + targetId + " requested");
    }

    /** A frame another member sent; frames from unknown senders are dropped. */
    public void receive(String peerId, byte[] payload) {
        EngineDriver running = driver;
        int member = settings == null ? -1 : indexOrMinusOne(peerId);
        if (running == null || member < 0) {
            framesDropped.incrementAndGet();
            return;
        }
        running.receive(member, payload);
    }

    /** What the API shows. */
    public ConsensusStatus status() {
        EngineDriver running = driver;
        Map<String, PeerStatistics> peers = peerStatistics();
        EngineStatus engineStatus = running == null ? null : running.status();
        List<ConsensusStatus.Member> members = new ArrayList<>();
        for (ClusterMember member : settings.members()) {
            int index = settings.indexOf(member.id());
            boolean self = member.id().equals(settings.nodeId());
            PeerStatistics peer = peers.get(member.id());
            long matched = engineStatus == null ? -1 : engineStatus.memberMatched().getOrDefault(index, -1L);
            long lag = matched < 0 ? -1 : Math.max(0, engineStatus.committed() - matched);
            members.add(new ConsensusStatus.Member(member.id(), member.address(), self, matched, lag,
                    peer == null || peer.rttNanos() < 0 ? -1 : peer.rttNanos() / 1e6, self || (peer != null
                    && peer.connected())));
        }
        if (engineStatus == null) {
            return new ConsensusStatus(settings.protocol().configName(), "NOT_STARTED", settings.nodeId(), null, 0,
                    null, 0, 0, members, problem);
        }
        String leader = engineStatus.leader() < 0 ? null : settings.members().get(engineStatus.leader()).id();
        return new ConsensusStatus(engineStatus.protocol(), "RUNNING", settings.nodeId(), engineStatus.role(),
                engineStatus.epoch(), leader, engineStatus.committed(), engineStatus.applied(), members, problem);
    }

    private int indexOrMinusOne(String peerId) {
        return settings.member(peerId).isPresent() ? settings.indexOf(peerId) : -1;
    }

    /**
     * Carries the engine's outputs: frames over the transport (stream 0, bulk frames on {@link #BULK_STREAM}), applied
     * commands to their callers.
     */
    private final class Outputs implements EngineDriver.Outputs {
        private long lastDropWarningNanos = System.nanoTime() - TimeUnit.MINUTES.toNanos(2);

        @Override
        public void send(List<Frame> frames) {
            // A handle per round: the container closes handles at the end of the scope that took them, and the
            // transport keeps the peers' connections open underneath, so this is cheap.
            try (TransportConnection connection = transport.getConnection()) {
                int bulkStream = connection.streamCount() > 1 ? BULK_STREAM : 0;
                for (Frame frame : frames) {
                    try {
                        connection.send(settings.members().get(frame.member()).id(), frame.bulk() ? bulkStream : 0,
                                frame.payload());
                    } catch (TransportException e) {
                        framesDropped.incrementAndGet(); // both protocols retransmit; a full queue: a slow peer
                    } catch (RuntimeException e) {
                        // A frame the transport refuses must cost that frame, not this member's consensus thread.
                        framesDropped.incrementAndGet();
                        warnDropped(frame, e);
                    }
                }
            }
        }

        private void warnDropped(Frame frame, RuntimeException e) {
            long now = System.nanoTime();
            if (now - lastDropWarningNanos > TimeUnit.MINUTES.toNanos(1)) {
                lastDropWarningNanos = now;
                LOG.log(Level.WARNING, "Consensus: the transport refused a frame of " + frame.payload().length
                        + " B for " + settings.members().get(frame.member()).id() + " (" + e.getMessage()
                        + "); the protocol will send it again. Shown at most once a minute.");
            }
        }

        @Override
        public void applied(Applied applied) {
            long latency = ProposedCommand.decode(applied.command())
                    .map(c -> pending.applied(c.proposal(), applied.position(), applied.proof(), System.nanoTime()))
                    .orElse(-1L);
            metrics.applied(latency);
        }

        @Override
        public void refused(byte[] command) {
            ProposedCommand.decode(command).ifPresent(c -> pending.refused(c.proposal(),
                    new ConsensusUnavailableException("This server has too many proposals queued; retry later")));
        }

        @Override
        public void failed(IOException cause) {
            problem = "the consensus journal failed: " + cause.getMessage();
            LOG.log(Level.SEVERE, "Consensus stopped: " + problem, cause);
        }

        @Override
        public void roundDone(EngineStatus status) {
            metrics.observe(status);
        }
    }
}
