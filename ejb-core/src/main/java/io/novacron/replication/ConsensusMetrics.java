package io.novacron.replication;

import io.novacron.consensus.engine.EngineStatus;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import java.time.Duration;

/**
 * This member's consensus metrics: proposals made here and how they ended, commands applied, commit latency as the
 * proposer sees it, and (from the engine's status after every round) terms or views begun and leader changes.
 * {@link #observe} runs on the consensus thread only.
 */
final class ConsensusMetrics {

    private final MetricRegistry registry;
    private final Counter proposals;
    private final Counter commits;
    private final Timer commitLatency;
    private final Counter epochs;
    private final Counter leaderChanges;
    private long lastEpoch = -1;
    private int lastLeader = Integer.MIN_VALUE;

    ConsensusMetrics(MetricRegistry registry, String protocol) {
        this.registry = registry;
        proposals = registry.counter(Metadata.builder().withName("novacron.consensus.proposals")
                .withDescription("Commands proposed through this server").build());
        commits = registry.counter(Metadata.builder().withName("novacron.consensus.commits")
                .withDescription("Committed commands applied on this member").build());
        commitLatency = registry.timer(Metadata.builder().withName("novacron.consensus.commit.latency")
                .withDescription("From a proposal on this server until it is committed and applied here")
                .withUnit(MetricUnits.SECONDS).build());
        boolean raft = "raft".equals(protocol);
        epochs = registry.counter(Metadata.builder()
                .withName(raft ? "novacron.consensus.elections" : "novacron.consensus.view.changes")
                .withDescription(raft ? "Raft terms this member has seen begin (an election each)"
                        : "PBFT views this member has moved to").build());
        leaderChanges = registry.counter(Metadata.builder().withName("novacron.consensus.leader.changes")
                .withDescription("Times the leader (primary) this member knows changed, including to none").build());
    }

    void proposed() {
        proposals.inc();
    }

    void applied(long latencyNanos) {
        commits.inc();
        if (latencyNanos >= 0) {
            commitLatency.update(Duration.ofNanos(latencyNanos));
        }
    }

    /** A proposal that did not commit here: reason is {@code no_quorum}, {@code timeout} or {@code refused}. */
    void failed(String reason) {
        registry.counter("novacron.consensus.proposals.failed", new Tag("reason", reason)).inc();
    }

    void observe(EngineStatus status) {
        if (lastEpoch >= 0 && status.epoch() > lastEpoch) {
            epochs.inc(status.epoch() - lastEpoch);
        }
        lastEpoch = status.epoch();
        if (lastLeader != Integer.MIN_VALUE && status.leader() != lastLeader) {
            leaderChanges.inc();
        }
        lastLeader = status.leader();
    }
}
