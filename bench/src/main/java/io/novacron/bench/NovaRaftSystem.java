package io.novacron.bench;

import io.novacron.consensus.log.LogConfig;
import io.novacron.consensus.log.LogStore;
import io.novacron.consensus.log.MemoryLogStore;
import io.novacron.consensus.log.MetadataFile;
import io.novacron.consensus.log.SegmentedFileLog;
import io.novacron.consensus.log.SnapshotStore;
import io.novacron.consensus.raft.PersistentState;
import io.novacron.consensus.raft.RaftConfig;
import io.novacron.consensus.raft.RaftMessage;
import io.novacron.consensus.raft.RaftNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * NovaCron's Raft core, three replicas in this JVM, each on its own driver thread with its own durable log
 * (segmented files with fsync, or the in-memory log); messages pass between them as objects. It measures
 * the core and the log, not a transport: compare with Ratis knowing Ratis also pays for gRPC on loopback.
 */
public final class NovaRaftSystem implements ConsensusSystem {

    private static final int REPLICAS = 3;
    private static final int ELECTION_TIMEOUT_TICKS = 150;
    private static final int HEARTBEAT_TICKS = 15;
    private static final Duration LEADER_DEADLINE = Duration.ofSeconds(30);

    private final List<RaftReplicaLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<LogStore> logs = new ArrayList<>();
    private volatile RaftReplicaLoop leader;
    private long startTerm;

    @Override
    public String name() {
        return "novacron-raft";
    }

    @Override
    public int replicas() {
        return REPLICAS;
    }

    @Override
    public void start(Workload workload, Path dataDir) throws Exception {
        Set<Integer> voters = Set.of(1, 2, 3);
        SplittableRandom seeds = new SplittableRandom(42);
        for (int id = 1; id <= REPLICAS; id++) {
            Path dir = Files.createDirectories(dataDir.resolve("node-" + id));
            LogStore log = workload.durability() == Durability.MEMORY ? new MemoryLogStore()
                    : SegmentedFileLog.open(dir.resolve("log"), LogConfig.defaults());
            logs.add(log);
            // 1 ms ticks: 150 ms elections and 15 ms heartbeats, Ratis's order of magnitude.
            RaftConfig config = new RaftConfig(id, voters, Set.of(), ELECTION_TIMEOUT_TICKS, HEARTBEAT_TICKS,
                    1024, 4L << 20, 64, true, true).validate();
            RaftNode node = new RaftNode(config, PersistentState.empty(), seeds.split());
            SnapshotStore snapshots = workload.durability() == Durability.MEMORY ? null
                    : new SnapshotStore(dir.resolve("snapshots"));
            loops.add(new RaftReplicaLoop(node, log, new MetadataFile(dir.resolve("hard-state")), snapshots,
                    this::route));
        }
        for (int i = 0; i < REPLICAS; i++) {
            Thread thread = new Thread(loops.get(i), "raft-replica-" + (i + 1));
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        long deadline = System.nanoTime() + LEADER_DEADLINE.toNanos();
        while ((leader = currentLeader()) == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no leader elected within " + LEADER_DEADLINE);
            }
            Thread.onSpinWait();
        }
        startTerm = leader.term();
    }

    private void route(RaftMessage message) {
        loops.get(message.to() - 1).deliver(message);
    }

    private RaftReplicaLoop currentLeader() {
        for (RaftReplicaLoop loop : loops) {
            if (loop.isLeader()) {
                return loop;
            }
        }
        return null;
    }

    @Override
    public CompletableFuture<?> submit(byte[] payload) {
        RaftReplicaLoop current = leader;
        if (current == null || !current.isLeader()) {
            current = currentLeader();
            leader = current;
            if (current == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("no leader"));
            }
        }
        return current.propose(payload);
    }

    @Override
    public String notes() {
        RaftReplicaLoop current = currentLeader();
        return current != null && current.term() != startTerm ? "leader changed: term " + startTerm + " -> "
                + current.term() : null;
    }

    @Override
    public void stop() throws Exception {
        loops.forEach(RaftReplicaLoop::stop);
        for (Thread thread : threads) {
            thread.join(5_000);
        }
        for (LogStore log : logs) {
            log.close();
        }
    }
}
