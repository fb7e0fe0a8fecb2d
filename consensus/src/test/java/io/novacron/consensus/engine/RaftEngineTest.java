package io.novacron.consensus.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.novacron.consensus.raft.RaftConfig;

/**
 * Three Raft engines on disk wired together in one thread: proposals from any member commit everywhere in one order
 * (Raft §5), a member that was down catches up — by log or by snapshot after compaction (§7) — and a member
 * restarted from its journal resumes with the same state.
 */
class RaftEngineTest {

    private static final RaftConfig TIMING = new RaftConfig(1, java.util.Set.of(1), java.util.Set.of(), 10, 2, 64,
            1 << 20, 8, true, true);

    @TempDir
    Path dir;

    private final RaftEngine[] engines = new RaftEngine[3];
    private final ListMachine[] machines = new ListMachine[3];
    private final List<List<Frame>> inFlight = new ArrayList<>();
    private long compactEvery = 1_000;
    /** Which frames reach their member: (sender, frame) → delivered; all of them unless a test says otherwise. */
    private BiPredicate<Integer, Frame> delivers = (sender, frame) -> true;

    /** A state machine that appends every command to a list; its snapshot is the list. */
    static final class ListMachine implements ReplicatedStateMachine {
        final List<String> commands = new ArrayList<>();
        final List<Integer> runs = new ArrayList<>();
        int restores;

        @Override
        public List<byte[]> applyAll(List<Committed> batch) {
            runs.add(batch.size());
            return ReplicatedStateMachine.super.applyAll(batch);
        }

        @Override
        public byte[] apply(long position, byte[] command) {
            commands.add(new String(command, StandardCharsets.UTF_8));
            return ("ok " + commands.size()).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] snapshot() {
            return String.join("\n", commands).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void restore(byte[] snapshot) {
            restores++;
            commands.clear();
            String text = new String(snapshot, StandardCharsets.UTF_8);
            if (!text.isEmpty()) {
                commands.addAll(List.of(text.split("\n")));
            }
        }
    }

    private void open(int member) throws IOException {
        machines[member] = new ListMachine();
        engines[member] = RaftEngine.open(member, 3, TIMING, dir.resolve("member-" + member), machines[member],
                new SplittableRandom(31L * member + 7), compactEvery);
    }

    @AfterEach
    void closeAll() throws IOException {
        for (RaftEngine engine : engines) {
            if (engine != null) {
                engine.close();
            }
        }
    }

    /** One round: tick every live engine, process it, deliver every frame to live members. */
    private void round() throws IOException {
        List<Frame> sent = new ArrayList<>();
        List<Integer> senders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            if (engines[i] == null) {
                continue;
            }
            engines[i].tick();
            for (Frame frame : engines[i].process().frames()) {
                sent.add(frame);
                senders.add(i);
            }
        }
        for (int k = 0; k < sent.size(); k++) {
            RaftEngine to = engines[sent.get(k).member()];
            if (to != null && delivers.test(senders.get(k), sent.get(k))) {
                to.receive(senders.get(k), sent.get(k).payload());
            }
        }
    }

    private void runUntil(BooleanSupplier done, String what) throws IOException {
        for (int r = 0; r < 2_000; r++) {
            if (done.getAsBoolean()) {
                return;
            }
            round();
        }
        throw new AssertionError("not reached within 2,000 rounds: " + what);
    }

    private int leader() {
        for (int i = 0; i < 3; i++) {
            if (engines[i] != null && "LEADER".equals(engines[i].status().role())) {
                return i;
            }
        }
        return -1;
    }

    private void propose(int member, String command) {
        engines[member].propose(command.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void proposalsFromAnyMemberCommitEverywhereInOneOrder() throws IOException {
        for (int i = 0; i < 3; i++) {
            open(i);
        }
        runUntil(() -> leader() >= 0, "a leader");
        int follower = (leader() + 1) % 3;
        propose(leader(), "from-leader");
        propose(follower, "from-follower"); // forwarded to the leader
        runUntil(() -> machines[0].commands.size() == 2 && machines[1].commands.size() == 2
                && machines[2].commands.size() == 2, "both commands applied on all three");
        assertEquals(machines[0].commands, machines[1].commands);
        assertEquals(machines[0].commands, machines[2].commands);
        assertTrue(machines[0].commands.containsAll(List.of("from-leader", "from-follower")));
    }

    /** Commands committed in one round reach the state machine together, so it can apply them as one write. */
    @Test
    void theCommandsOfOneRoundAreAppliedTogetherInOrder() throws IOException {
        for (int i = 0; i < 3; i++) {
            open(i);
        }
        runUntil(() -> leader() >= 0, "a leader");
        List<String> proposed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            proposed.add("c" + i);
            propose(leader(), "c" + i);
        }
        runUntil(() -> machines[0].commands.size() == 20 && machines[1].commands.size() == 20
                && machines[2].commands.size() == 20, "all apply 20");
        for (ListMachine machine : machines) {
            assertEquals(proposed, machine.commands);
            assertEquals(20, machine.runs.stream().mapToInt(Integer::intValue).sum(), "runs " + machine.runs);
            assertTrue(machine.runs.size() < 20, "proposed in one round, they commit in fewer runs than commands: "
                    + machine.runs);
        }
    }

    @Test
    void aMemberThatWasDownCatchesUpBySnapshotAfterCompaction() throws IOException {
        compactEvery = 5;
        for (int i = 0; i < 3; i++) {
            open(i);
        }
        runUntil(() -> leader() >= 0, "a leader");
        int down = (leader() + 1) % 3;
        engines[down].close();
        engines[down] = null;
        for (int i = 0; i < 20; i++) {
            propose(leader(), "c" + i);
        }
        int up = (down + 1) % 3 == leader() ? (down + 2) % 3 : (down + 1) % 3;
        runUntil(() -> machines[leader()].commands.size() == 20 && machines[up].commands.size() == 20,
                "the majority applies all 20");
        int[] bulkFrames = {0};
        delivers = (sender, frame) -> {
            bulkFrames[0] += frame.bulk() ? 1 : 0;
            return true;
        };
        open(down); // restarts from its (now far behind) journal
        runUntil(() -> machines[down].commands.size() == 20, "the returning member catches up");
        assertEquals(machines[leader()].commands, machines[down].commands);
        assertEquals(1, machines[down].restores, "the leader had compacted its log, so it sent a snapshot");
        assertTrue(bulkFrames[0] >= 1, "the snapshot travels as a bulk frame, apart from the small messages");
    }

    @Test
    void aFollowerThatTrailsByAFewEntriesCatchesUpFromTheLogNotASnapshot() throws IOException {
        compactEvery = 5;
        for (int i = 0; i < 3; i++) {
            open(i);
        }
        runUntil(() -> leader() >= 0, "a leader");
        int lead = leader();
        int slow = (lead + 1) % 3;
        // Frames to the slow follower are lost for a few rounds around the first compaction, so the leader must send
        // those entries again: from its log if it kept them, as a snapshot if it had compacted them away.
        int[] at = {0};
        delivers = (sender, frame) -> frame.member() != slow || at[0] < 3 || at[0] > 6;
        for (int i = 0; i < 40; i++) {
            at[0] = i;
            propose(lead, "c" + i);
            round();
        }
        delivers = (sender, frame) -> true;
        runUntil(() -> machines[slow].commands.size() == 40, "the slow follower applies all 40");
        assertEquals(machines[lead].commands, machines[slow].commands);
        assertEquals(0, machines[slow].restores, "the leader kept the entries the slow follower still needed");
        assertTrue(Files.list(dir.resolve("member-" + lead).resolve("snapshots")).findAny().isPresent(),
                "the leader did compact its log");
    }

    @Test
    void aRestartedMemberResumesFromItsJournalWithTheSameState() throws IOException {
        compactEvery = 4;
        for (int i = 0; i < 3; i++) {
            open(i);
        }
        runUntil(() -> leader() >= 0, "a leader");
        for (int i = 0; i < 10; i++) {
            propose(leader(), "c" + i);
        }
        runUntil(() -> machines[0].commands.size() == 10 && machines[1].commands.size() == 10
                && machines[2].commands.size() == 10, "all apply 10");
        int restarted = (leader() + 2) % 3;
        long epochBefore = engines[restarted].status().epoch();
        engines[restarted].close();
        open(restarted);
        assertNotEquals(0, machines[restarted].commands.size(), "the snapshot is restored at open");
        runUntil(() -> machines[restarted].commands.size() == 10, "the log after the snapshot is re-applied");
        assertEquals(machines[leader()].commands, machines[restarted].commands);
        assertTrue(engines[restarted].status().epoch() >= epochBefore, "the term is never forgotten");
    }

    @Test
    void aProposalHeldWhileNoLeaderIsKnownCanBeWithdrawnAndNeverCommits() throws IOException {
        open(0);
        propose(0, "withdrawn");
        propose(0, "kept");
        engines[0].process(); // alone, member 0 knows no leader: both are held
        assertTrue(engines[0].withdraw("withdrawn".getBytes(StandardCharsets.UTF_8)));
        assertFalse(engines[0].withdraw("never-proposed".getBytes(StandardCharsets.UTF_8)));
        open(1);
        open(2);
        runUntil(() -> machines[0].commands.size() == 1 && machines[1].commands.size() == 1
                && machines[2].commands.size() == 1, "the kept command applied everywhere");
        assertEquals(List.of("kept"), machines[1].commands);
    }

    private static boolean isForward(Frame frame) {
        return frame.payload()[0] == RaftEngine.FORWARD_FRAME_KIND;
    }

    private boolean appliedEverywhere(String command) {
        for (ListMachine machine : machines) {
            if (machine == null || !machine.commands.contains(command)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aForwardThatIsLostIsSentAgainAndCommitsOnce() throws IOException {
        for (int i = 0; i < 3; i++) {
            open(i);
        }
        runUntil(() -> leader() >= 0, "a leader");
        int[] forwardsDropped = {0};
        delivers = (sender, frame) -> !(isForward(frame) && forwardsDropped[0]++ == 0);
        propose((leader() + 1) % 3, "forwarded");
        runUntil(() -> appliedEverywhere("forwarded"), "the forwarded command applied on all three");
        assertTrue(forwardsDropped[0] >= 2, "the first forward was lost, so it was sent again");
        assertEquals(List.of("forwarded"), machines[0].commands, "sent again once, committed once");
    }

    @Test
    void aProposalLostWithItsDeposedLeaderIsPlacedAgainByItsProposer() throws IOException {
        for (int i = 0; i < 3; i++) {
            open(i);
        }
        runUntil(() -> leader() >= 0, "a leader");
        int deposed = leader();
        delivers = (sender, frame) -> sender != deposed && frame.member() != deposed; // cut off before it replicates
        propose(deposed, "from-the-old-leader");
        runUntil(() -> leader() >= 0 && leader() != deposed, "the other two elect a new leader");
        delivers = (sender, frame) -> true;
        runUntil(() -> appliedEverywhere("from-the-old-leader"), "the proposal applied on all three");
        assertEquals(machines[0].commands, machines[deposed].commands);
    }

    @Test
    void aWithdrawnForwardIsNoLongerSentAgain() throws IOException {
        for (int i = 0; i < 3; i++) {
            open(i);
        }
        runUntil(() -> leader() >= 0, "a leader");
        int follower = (leader() + 1) % 3;
        runUntil(() -> engines[follower].status().leader() == leader(), "the follower knows the leader");
        delivers = (sender, frame) -> !isForward(frame);
        propose(follower, "given-up");
        round();
        assertFalse(engines[follower].withdraw("given-up".getBytes(StandardCharsets.UTF_8)),
                "it had already left the member, so it may still commit");
        delivers = (sender, frame) -> true;
        propose(follower, "marker");
        runUntil(() -> appliedEverywhere("marker"), "a later proposal from the same member applied");
        for (int r = 0; r < 100; r++) {
            round(); // well past the retry interval
        }
        assertEquals(List.of("marker"), machines[follower].commands, "the withdrawn proposal was not sent again");
    }

    /** Proposals from random members while a fifth of all frames are lost: each commits, all members agree. */
    @Test
    void everyProposalCommitsDespiteRandomFrameLoss() throws IOException {
        long seed = System.nanoTime();
        System.out.println("RaftEngineTest.everyProposalCommitsDespiteRandomFrameLoss seed=" + seed);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 3; i++) {
            open(i);
        }
        delivers = (sender, frame) -> random.nextInt(5) != 0;
        Set<String> proposed = new HashSet<>();
        for (int r = 0; r < 400; r++) {
            if (r % 4 == 0) {
                String command = "c" + r;
                proposed.add(command);
                propose(random.nextInt(3), command);
            }
            round();
        }
        delivers = (sender, frame) -> true;
        runUntil(() -> proposed.stream().allMatch(this::appliedEverywhere), "every proposal applied (seed " + seed + ")");
        runUntil(() -> machines[0].commands.size() == machines[1].commands.size()
                && machines[1].commands.size() == machines[2].commands.size(), "the same log length (seed " + seed + ")");
        assertEquals(machines[0].commands, machines[1].commands, "seed " + seed);
        assertEquals(machines[0].commands, machines[2].commands, "seed " + seed);
    }
}
