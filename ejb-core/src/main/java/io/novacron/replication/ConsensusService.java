package io.novacron.replication;

import io.novacron.cluster.ClusterConfiguration;
import io.novacron.cluster.ClusterMember;
import io.novacron.cluster.ClusterProtocol;
import io.novacron.cluster.ClusterSettings;
import io.novacron.consensus.engine.Applied;
import io.novacron.consensus.engine.EngineDriver;
import io.novacron.consensus.engine.EngineStatus;
import io.novacron.consensus.engine.Frame;
import io.novacron.consensus.engine.RaftEngine;
import io.novacron.consensus.engine.ReplicatedStateMachine;
import io.novacron.consensus.raft.RaftConfig;
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
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This member's consensus engine, run by an {@link EngineDriver} on one thread from the container's managed thread
 * factory: frames from other members arrive through {@link #receive} (the transport's message-driven bean), frames
 * for them leave through the transport's connection factory, and the engine's journal lives under
 * {@code <novacron.data.dir>/consensus}.
 * <p>
 * The members elect a leader and keep their logs in agreement; the host inventory's writes are not proposed
 * through it yet (the next step of the replicated control plane), so nothing is applied. Raft only for now: with
 * {@code novacron.cluster.protocol=pbft} the service reports that the PBFT engine is not wired into the server yet.
 */
@Singleton
@Startup
@DependsOn("ClusterConfiguration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ConsensusService {

    private static final Logger LOG = Logger.getLogger(ConsensusService.class.getName());

    @EJB
    ClusterConfiguration cluster;
    @Resource(lookup = "eis/novacron/transport")
    TransportConnectionFactory transport;
    @Resource
    ManagedThreadFactory threads;
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

    private ClusterSettings settings;
    private volatile EngineDriver driver;
    private volatile RaftEngine engine;
    private volatile Thread thread;
    private volatile String problem;
    private final AtomicLong framesDropped = new AtomicLong();

    @PostConstruct
    void start() {
        settings = cluster.settings();
        if (settings.protocol() != ClusterProtocol.RAFT) {
            problem = "the PBFT engine is not wired into the server yet; set novacron.cluster.protocol=raft";
            LOG.warning("Consensus not started: " + problem);
            return;
        }
        if (tickMillis < 1 || heartbeatTicks < 1 || electionTicks <= heartbeatTicks) {
            throw new IllegalArgumentException("Invalid configuration novacron.consensus.*: expected tick-ms >= 1 and"
                    + " election-ticks (" + electionTicks + ") > heartbeat-ticks (" + heartbeatTicks + ") >= 1");
        }
        try {
            RaftConfig timing = new RaftConfig(1, java.util.Set.of(1), java.util.Set.of(), electionTicks,
                    heartbeatTicks, 256, 4L << 20, 16, true, true);
            engine = RaftEngine.open(settings.indexOf(settings.nodeId()), settings.size(), timing,
                    Path.of(dataDir, "consensus"), new NothingToApply(), new SplittableRandom(new SecureRandom().nextLong()),
                    100_000);
        } catch (IOException e) {
            problem = "the consensus journal could not be opened: " + e.getMessage();
            LOG.log(Level.SEVERE, "Consensus not started: " + problem, e);
            return;
        }
        driver = new EngineDriver(engine, new Outputs(), tickMillis * 1_000_000L);
        thread = threads.newThread(driver);
        thread.setName("novacron-consensus");
        thread.start();
        LOG.info(() -> "Consensus: raft member " + settings.nodeId() + " of " + settings.membersValue()
                + ", journal in " + Path.of(dataDir, "consensus"));
    }

    @PreDestroy
    void stop() {
        EngineDriver running = driver;
        if (running == null) {
            return;
        }
        running.stop();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            engine.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not close the consensus journal cleanly", e);
        }
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
        Map<String, PeerStatistics> peers = new HashMap<>();
        if (!settings.singleMember()) {
            try (TransportConnection connection = transport.getConnection()) {
                connection.statistics().forEach(s -> peers.put(s.peerId(), s));
            }
        }
        EngineStatus engineStatus = running == null ? null : running.status();
        List<ConsensusStatus.Member> members = new ArrayList<>();
        for (ClusterMember member : settings.members()) {
            int index = settings.indexOf(member.id());
            boolean self = member.id().equals(settings.nodeId());
            PeerStatistics peer = peers.get(member.id());
            long matched = engineStatus == null ? -1 : engineStatus.memberMatched().getOrDefault(index, -1L);
            members.add(new ConsensusStatus.Member(member.id(), member.address(), self, matched,
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

    /** Carries the engine's outputs: frames over the transport (stream 0, consensus traffic). */
    private final class Outputs implements EngineDriver.Outputs {
        @Override
        public void send(List<Frame> frames) {
            // A handle per round: the container closes handles at the end of the scope that took them, and the
            // transport keeps the peers' connections open underneath, so this is cheap.
            try (TransportConnection connection = transport.getConnection()) {
                for (Frame frame : frames) {
                    try {
                        connection.send(settings.members().get(frame.member()).id(), 0, frame.payload());
                    } catch (TransportException e) {
                        framesDropped.incrementAndGet(); // Raft retransmits; a full queue: a slow or down peer
                    }
                }
            }
        }

        @Override
        public void applied(Applied applied) {
            // No commands are proposed yet (see the class comment).
        }

        @Override
        public void refused(byte[] command) {
            // No commands are proposed yet.
        }

        @Override
        public void failed(IOException cause) {
            problem = "the consensus journal failed: " + cause.getMessage();
            LOG.log(Level.SEVERE, "Consensus stopped: " + problem, cause);
        }
    }

    /** The state machine until the host inventory's commands go through consensus: nothing is proposed. */
    private static final class NothingToApply implements ReplicatedStateMachine {
        @Override
        public byte[] apply(long position, byte[] command) {
            return new byte[0];
        }

        @Override
        public byte[] snapshot() {
            return new byte[0];
        }

        @Override
        public void restore(byte[] snapshot) {
        }
    }
}
