package io.novacron.replication;

import io.novacron.consensus.engine.ReplicatedStateMachine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The control plane's state as the consensus engine sees it: routes each committed {@link ProposedCommand} to the
 * {@link AgreedState} its kind names and tells the listener what it produced, so the proposing server can answer
 * its caller. A proposal id seen before is a repeat (see {@link AppliedProposals}): it is skipped on every member.
 * <p>
 * A snapshot is {@code parts:u8 {kind:u8 length:i32 bytes}*} with the parts in kind order, then the applied-proposal
 * window; a snapshot that ends after the parts (written before the window existed) restores an empty window.
 */
public final class ControlPlaneStateMachine implements ReplicatedStateMachine {

    /** Told of every applied command; runs on the consensus thread. */
    public interface Listener {
        void applied(UUID proposal, Object outcome);
    }

    private static final Logger LOG = Logger.getLogger(ControlPlaneStateMachine.class.getName());
    private static final byte[] UNKNOWN_KIND = {(byte) 0xFF};
    /** The result of a repeated proposal: nothing changed, and its proposer was answered the first time. */
    static final byte[] REPEATED = {(byte) 0xFE};

    private final Map<Byte, AgreedState> parts = new TreeMap<>();
    private final Listener listener;
    private final AppliedProposals appliedProposals;

    public ControlPlaneStateMachine(Iterable<AgreedState> states, Listener listener) {
        this(states, listener, AppliedProposals.DEFAULT_CAPACITY);
    }

    /** @param repeatWindow how many of the latest proposal ids are remembered to recognize a repeat */
    ControlPlaneStateMachine(Iterable<AgreedState> states, Listener listener, int repeatWindow) {
        this.appliedProposals = new AppliedProposals(repeatWindow);
        for (AgreedState state : states) {
            if (parts.putIfAbsent(state.kind(), state) != null) {
                throw new IllegalArgumentException("two agreed states share the kind byte " + state.kind());
            }
        }
        this.listener = listener;
    }

    /** Empties every part: the state before the first command. */
    public void clear() {
        parts.values().forEach(AgreedState::clear);
        appliedProposals.clear();
    }

    @Override
    public byte[] apply(long position, byte[] command) {
        return applyAll(List.of(new Committed(position, command))).get(0);
    }

    /**
     * Routes each command as {@link #apply} does, but hands each run of consecutive commands for one part to it at
     * once, so the part can apply the run in one transaction; the listener hears of a run after it is applied.
     */
    @Override
    public List<byte[]> applyAll(List<Committed> commands) {
        byte[][] results = new byte[commands.size()][];
        List<Integer> runAt = new ArrayList<>();
        List<Committed> run = new ArrayList<>();
        List<UUID> runProposals = new ArrayList<>();
        AgreedState runPart = null;
        for (int i = 0; i < commands.size(); i++) {
            long position = commands.get(i).position();
            byte[] command = commands.get(i).command();
            Optional<ProposedCommand> decoded = ProposedCommand.decode(command);
            AgreedState part = decoded.map(c -> parts.get(c.kind())).orElse(null);
            if (part == null) {
                // Every member refuses the same bytes the same way; a newer member's command kind is not guessed at.
                LOG.warning(() -> "Consensus position " + position + ": no state applies this command ("
                        + command.length + " B); skipped on every member");
                results[i] = UNKNOWN_KIND;
                continue;
            }
            if (!appliedProposals.firstTime(decoded.get().proposal())) {
                LOG.fine(() -> "Consensus position " + position + ": proposal " + decoded.get().proposal()
                        + " was applied before; skipped on every member");
                results[i] = REPEATED;
                continue;
            }
            if (part != runPart) {
                applyRun(runPart, run, runAt, runProposals, results);
                runPart = part;
            }
            run.add(new Committed(position, decoded.get().payload()));
            runAt.add(i);
            runProposals.add(decoded.get().proposal());
        }
        applyRun(runPart, run, runAt, runProposals, results);
        return Arrays.asList(results);
    }

    private void applyRun(AgreedState part, List<Committed> run, List<Integer> runAt, List<UUID> proposals,
                          byte[][] results) {
        if (run.isEmpty()) {
            return;
        }
        List<AgreedState.Outcome> outcomes = part.applyAll(run);
        for (int k = 0; k < run.size(); k++) {
            results[runAt.get(k)] = outcomes.get(k).result();
            listener.applied(proposals.get(k), outcomes.get(k).local());
        }
        run.clear();
        runAt.clear();
        proposals.clear();
    }

    @Override
    public byte[] snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(parts.size());
            for (AgreedState part : parts.values()) {
                ByteArrayOutputStream partBytes = new ByteArrayOutputStream();
                try (DataOutputStream partOut = new DataOutputStream(partBytes)) {
                    part.writeSnapshot(partOut);
                }
                out.writeByte(part.kind());
                out.writeInt(partBytes.size());
                partBytes.writeTo(out);
            }
            appliedProposals.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("snapshot of the agreed state failed", e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void restore(byte[] snapshot) {
        clear();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            int count = in.readUnsignedByte();
            for (int i = 0; i < count; i++) {
                byte kind = in.readByte();
                byte[] partBytes = new byte[in.readInt()];
                in.readFully(partBytes);
                AgreedState part = parts.get(kind);
                if (part == null) {
                    throw new IllegalStateException("the snapshot holds state of kind " + kind
                            + " that this server does not know; upgrade it before it rejoins");
                }
                try (DataInputStream partIn = new DataInputStream(new ByteArrayInputStream(partBytes))) {
                    part.readSnapshot(partIn);
                }
            }
            if (in.available() > 0) {
                appliedProposals.read(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the snapshot of the agreed state is malformed", e);
        }
    }
}
