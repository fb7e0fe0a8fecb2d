package io.novacron.consensus.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;

import io.novacron.consensus.engine.Applied;
import io.novacron.consensus.engine.ConsensusEngine;
import io.novacron.consensus.engine.EngineDriver;
import io.novacron.consensus.engine.EngineOutput;
import io.novacron.consensus.engine.Frame;
import io.novacron.consensus.engine.ReplicatedStateMachine;

/**
 * Several engines in one thread, each round handing its output to that member's {@link EngineDriver.Outputs} the
 * way the driver does, so a member can be given a {@link FaultyOutputs}. A round is one tick and
 * {@link #MS_PER_ROUND} of the scheduler's virtual time; frames sent in a round (or released by the scheduler in it)
 * are delivered at its end in an order shuffled by the seed, so no member's votes always arrive last. After every
 * round two invariants are checked for all members but the unchecked ones: no two apply different commands at the
 * same position, and of any two states one is a prefix of the other.
 */
final class EngineCluster implements AutoCloseable {

    /** Virtual milliseconds per round, so a delay in ms becomes a number of rounds. */
    static final long MS_PER_ROUND = 10;

    private record InFlight(int from, Frame frame) {
    }

    final ManualScheduler scheduler = new ManualScheduler();
    private final ConsensusEngine[] engines;
    private final EngineDriver.Outputs[] outputs;
    private final List<CommandList> machines = new ArrayList<>();
    private final List<List<byte[]>> proofs = new ArrayList<>();
    private final Random deliveryOrder;
    private final List<InFlight> inFlight = new ArrayList<>();
    private final Set<Integer> unchecked = new HashSet<>();
    private final Set<Integer> isolated = new HashSet<>();
    private final Map<Long, String> agreedByPosition = new HashMap<>();
    private final Map<Long, Integer> firstAppliedBy = new HashMap<>();
    private long rounds;

    EngineCluster(int memberCount, long seed) {
        deliveryOrder = new Random(seed);
        engines = new ConsensusEngine[memberCount];
        outputs = new EngineDriver.Outputs[memberCount];
        for (int i = 0; i < memberCount; i++) {
            machines.add(new CommandList());
            proofs.add(new ArrayList<>());
            outputs[i] = new Recorder(i);
        }
    }

    void add(int member, ConsensusEngine engine) {
        engines[member] = engine;
    }

    /** Sends {@code member}'s frames through a FaultyOutputs on this cluster's scheduler, and returns it. */
    FaultyOutputs faulty(int member, FaultPlan plan, Equivocator equivocator) {
        FaultyOutputs faulty = equivocator == null ? new FaultyOutputs(outputs[member], plan, scheduler)
                : new FaultyOutputs(outputs[member], plan, scheduler, equivocator);
        outputs[member] = faulty;
        return faulty;
    }

    /** Leaves {@code member} out of the agreement check: a Byzantine member's own state is not promised anything. */
    void uncheck(int member) {
        unchecked.add(member);
    }

    /** Member {@code member}'s state machine, to open its engine with. */
    ReplicatedStateMachine machine(int member) {
        return machines.get(member);
    }

    /**
     * Closes {@code member}'s engine and empties its state machine, as a crash does: it takes no part in rounds and
     * frames to it are lost until {@link #add} puts the reopened engine back.
     */
    void crash(int member) throws IOException {
        engines[member].close();
        engines[member] = null;
        machines.get(member).commands.clear();
    }

    /**
     * Cuts {@code member} off: frames it sends and frames sent to it are lost until {@link #reconnect}, as for a
     * server whose connections are not back yet after a restart.
     */
    void isolate(int member) {
        isolated.add(member);
    }

    void reconnect(int member) {
        isolated.remove(member);
    }

    ConsensusEngine engine(int member) {
        return engines[member];
    }

    void propose(int member, String command) {
        engines[member].propose(command.getBytes(StandardCharsets.UTF_8));
    }

    /** The commands in {@code member}'s state, in order (applied one by one or restored by state transfer). */
    List<String> commands(int member) {
        return machines.get(member).commands;
    }

    /** The proofs of the commands {@code member} applied one by one, in order. */
    List<byte[]> proofs(int member) {
        return proofs.get(member);
    }

    long rounds() {
        return rounds;
    }

    void round() throws IOException {
        rounds++;
        for (int i = 0; i < engines.length; i++) {
            if (engines[i] == null) {
                continue;
            }
            engines[i].tick();
            EngineOutput output = engines[i].process();
            if (!output.frames().isEmpty()) {
                outputs[i].send(output.frames());
            }
            output.applied().forEach(outputs[i]::applied);
            output.refused().forEach(outputs[i]::refused);
        }
        scheduler.advanceMs(MS_PER_ROUND);
        List<InFlight> delivering = new ArrayList<>(inFlight);
        inFlight.clear();
        Collections.shuffle(delivering, deliveryOrder);
        for (InFlight sent : delivering) {
            ConsensusEngine to = engines[sent.frame().member()];
            if (to != null && !isolated.contains(sent.from()) && !isolated.contains(sent.frame().member())) {
                to.receive(sent.from(), sent.frame().payload());
            }
        }
        checkStatesAreOnePrefix();
    }

    private void checkStatesAreOnePrefix() {
        List<String> longest = List.of();
        int longestAt = -1;
        for (int i = 0; i < engines.length; i++) {
            if (!unchecked.contains(i) && commands(i).size() > longest.size()) {
                longest = commands(i);
                longestAt = i;
            }
        }
        for (int i = 0; i < engines.length; i++) {
            List<String> state = commands(i);
            if (!unchecked.contains(i) && !state.equals(longest.subList(0, state.size()))) {
                throw new AssertionError("round " + rounds + ": member " + i + " has " + state + ", not a prefix of"
                        + " member " + longestAt + "'s " + longest);
            }
        }
    }

    /** Runs rounds until {@code done}, failing after {@code roundsMax}. */
    void runUntil(BooleanSupplier done, String what, int roundsMax) throws IOException {
        if (!tryUntil(done, roundsMax)) {
            throw new AssertionError("not reached within " + roundsMax + " rounds: " + what);
        }
    }

    /** Runs rounds until {@code done} or {@code roundsMax} rounds have passed; true if done. */
    boolean tryUntil(BooleanSupplier done, int roundsMax) throws IOException {
        for (int r = 0; r < roundsMax; r++) {
            if (done.getAsBoolean()) {
                return true;
            }
            round();
        }
        return done.getAsBoolean();
    }

    /** True if every member not unchecked has applied all of {@code commands}. */
    boolean checkedMembersApplied(List<String> commands) {
        for (int i = 0; i < engines.length; i++) {
            if (!unchecked.contains(i) && !commands(i).containsAll(commands)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        for (ConsensusEngine engine : engines) {
            if (engine != null) {
                engine.close();
            }
        }
    }

    /** A state machine whose state is the list of commands applied; its snapshot is that list. */
    private static final class CommandList implements ReplicatedStateMachine {
        final List<String> commands = new ArrayList<>();

        @Override
        public byte[] apply(long position, byte[] command) {
            commands.add(new String(command, StandardCharsets.UTF_8));
            return new byte[0];
        }

        @Override
        public byte[] snapshot() {
            return String.join("\n", commands).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void restore(byte[] snapshot) {
            commands.clear();
            String text = new String(snapshot, StandardCharsets.UTF_8);
            if (!text.isEmpty()) {
                commands.addAll(List.of(text.split("\n")));
            }
        }
    }

    /** A member's real outputs: frames onto the wire, applied commands into the position check. */
    private final class Recorder implements EngineDriver.Outputs {
        private final int member;

        Recorder(int member) {
            this.member = member;
        }

        @Override
        public void send(List<Frame> frames) {
            if (frames.isEmpty()) {
                throw new AssertionError("member " + member + " was handed an empty round");
            }
            frames.forEach(frame -> inFlight.add(new InFlight(member, frame)));
        }

        @Override
        public void applied(Applied done) {
            String command = new String(done.command(), StandardCharsets.UTF_8);
            proofs.get(member).add(done.proof());
            if (unchecked.contains(member)) {
                return;
            }
            String agreed = agreedByPosition.putIfAbsent(done.position(), command);
            if (agreed == null) {
                firstAppliedBy.put(done.position(), member);
            } else if (!agreed.equals(command)) {
                throw new AssertionError("round " + rounds + ": member " + member + " applied '" + command
                        + "' at position " + done.position() + " where member " + firstAppliedBy.get(done.position())
                        + " applied '" + agreed + "'");
            }
        }

        @Override
        public void refused(byte[] command) {
            // a refusal is not an application; nothing to check
        }

        @Override
        public void failed(IOException cause) {
            throw new AssertionError("member " + member + " could not persist", cause);
        }
    }
}
