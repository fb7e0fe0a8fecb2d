package io.novacron.replication;

import io.novacron.consensus.engine.ReplicatedStateMachine;
import java.util.ArrayList;
import java.util.List;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * One part of the state every member keeps identical by applying the consensus log (the host inventory today;
 * migration plans and flags later). {@link ControlPlaneStateMachine} routes each committed command to the part its
 * kind byte names and snapshots the parts together. All methods run on the consensus thread only.
 */
public interface AgreedState {

    /** The byte that names this part in commands and snapshots; unique among the parts. */
    byte kind();

    /**
     * Applies one committed command. Deterministic: every member computes the same state and the same
     * {@link Outcome#result()}. A command the state refuses (unknown id, name taken) is an outcome, not an exception.
     */
    Outcome apply(long position, byte[] payload);

    /**
     * Applies commands committed together, in order, with the same outcomes as {@link #apply} on each in turn (the
     * default). A part whose writes each cost a transaction overrides it to make them one.
     *
     * @param commands each with its position and this part's payload
     */
    default List<Outcome> applyAll(List<ReplicatedStateMachine.Committed> commands) {
        List<Outcome> outcomes = new ArrayList<>(commands.size());
        for (ReplicatedStateMachine.Committed command : commands) {
            outcomes.add(apply(command.position(), command.command()));
        }
        return outcomes;
    }

    /** Writes the whole part as of the last applied command. */
    void writeSnapshot(DataOutputStream out) throws IOException;

    /** Replaces the whole part with what {@link #writeSnapshot} wrote on some member. */
    void readSnapshot(DataInputStream in) throws IOException;

    /** Empties the part: the state a member starts from before the log (or a snapshot) is applied. */
    void clear();

    /**
     * @param result the agreed result bytes, identical on every member (PBFT compares them)
     * @param local  what the proposing server's caller receives on this member (e.g. the change with the host before
     *               and after); never leaves the JVM
     */
    record Outcome(byte[] result, Object local) {
    }
}
