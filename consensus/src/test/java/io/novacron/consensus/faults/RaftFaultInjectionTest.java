package io.novacron.consensus.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.novacron.consensus.engine.EngineStatus;
import io.novacron.consensus.engine.RaftEngine;
import io.novacron.consensus.raft.NotLeaderException;
import io.novacron.consensus.raft.RaftConfig;

/**
 * Three Raft engines on disk, one of which drops a fifth of its frames, duplicates a fifth and holds every round back
 * by 20 to 50 ms (2 to 5 rounds, so its frames also arrive out of order): Raft §5 assumes exactly such a network, so
 * whether that member follows or leads, every member applies the same commands in the same order and every command
 * proposed commits.
 */
class RaftFaultInjectionTest {

    /** Election after 10 ticks, heartbeat every 2, pre-vote and check-quorum on. */
    private static final RaftConfig TIMING = new RaftConfig(1, Set.of(1), Set.of(), 10, 2, 64, 1 << 20, 8, true,
            true);
    private static final int COMMANDS = 40;
    private static final int ROUNDS_PER_ATTEMPT = 300;
    private static final int ATTEMPTS_MAX = 5;

    @TempDir
    Path dir;

    private final EngineCluster cluster = new EngineCluster(3, 77);
    private FaultyOutputs faulty;

    @BeforeEach
    void open() throws IOException {
        for (int i = 0; i < 3; i++) {
            cluster.add(i, RaftEngine.open(i, 3, TIMING, dir.resolve("member-" + i), cluster.machine(i),
                    new SplittableRandom(31L * i + 7), 16));
        }
        faulty = cluster.faulty(2, new FaultPlan(0.2, 0.2, 0, 20, 30, false, 4242), null);
    }

    @AfterEach
    void close() throws IOException {
        cluster.close();
    }

    private int leader() {
        for (int i = 0; i < 3; i++) {
            if ("LEADER".equals(cluster.engine(i).status().role())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Proposes at the leader and waits until all three apply it; a command the leader lost with its leadership is
     * proposed again, which is what a client does, so a command may apply twice but never differently anywhere.
     *
     * @return the member the command was last proposed at
     */
    private int commit(String command) throws IOException {
        for (int attempt = 1; attempt <= ATTEMPTS_MAX; attempt++) {
            cluster.runUntil(() -> leader() >= 0, "a leader", ROUNDS_PER_ATTEMPT);
            int leader = leader();
            cluster.propose(leader, command);
            if (cluster.tryUntil(() -> cluster.checkedMembersApplied(List.of(command)), ROUNDS_PER_ATTEMPT)) {
                return leader;
            }
        }
        throw new AssertionError(command + " not applied everywhere after " + ATTEMPTS_MAX + " proposals");
    }

    /** Commits {@code count} commands and checks the three states end equal, with every command in them. */
    private List<Integer> commitAndCompare(int count) throws IOException {
        List<String> commands = new ArrayList<>();
        List<Integer> proposedAt = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            commands.add("c" + k);
            proposedAt.add(commit("c" + k));
        }
        cluster.runUntil(() -> cluster.commands(0).equals(cluster.commands(1))
                && cluster.commands(0).equals(cluster.commands(2)), "the three states equal", ROUNDS_PER_ATTEMPT);
        assertEquals(new HashSet<>(commands), new HashSet<>(cluster.commands(0)), "every command committed");
        FaultCounts counts = faulty.counts();
        assertTrue(counts.droppedFrames() > 0 && counts.duplicatedFrames() > 0 && counts.delayedFrames() > 0,
                "member 2's frames really were dropped, duplicated and delayed: " + counts);
        return proposedAt;
    }

    @Test
    void aFollowerOnABadNetworkNeitherStopsNorSplitsTheOthers() throws IOException {
        commitAndCompare(COMMANDS);
        cluster.runUntil(this::leaderKnowsMemberTwoCaughtUp, "member 2's delayed answers reach the leader",
                ROUNDS_PER_ATTEMPT);
    }

    @Test
    void aLeaderOnABadNetworkStillReplicatesInOneOrder() throws IOException, NotLeaderException {
        for (int attempt = 1; leader() != 2; attempt++) {
            if (attempt > ATTEMPTS_MAX) {
                throw new AssertionError("member 2 did not take over after " + ATTEMPTS_MAX + " transfers");
            }
            cluster.runUntil(() -> leader() >= 0, "a leader", ROUNDS_PER_ATTEMPT);
            if (leader() != 2) {
                ((RaftEngine) cluster.engine(leader())).transferLeadership(2); // Raft §3.10
                cluster.tryUntil(() -> leader() == 2, ROUNDS_PER_ATTEMPT);
            }
        }
        List<Integer> proposedAt = commitAndCompare(COMMANDS);
        assertTrue(proposedAt.contains(2), "some commands were replicated by member 2 as leader: " + proposedAt);
    }

    /**
     * Only member 2's own answers, all of them through its faults, tell another leader how far member 2's log is;
     * member 2 itself can only lead if its vote requests got through them.
     */
    private boolean leaderKnowsMemberTwoCaughtUp() {
        int leader = leader();
        if (leader < 0) {
            return false;
        }
        EngineStatus status = cluster.engine(leader).status();
        return leader == 2 || status.memberMatched().getOrDefault(2, 0L) >= status.committed();
    }
}
