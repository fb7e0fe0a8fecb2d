package io.novacron.consensus.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The application a consensus engine keeps identical on every member: it applies committed commands in order and
 * can be saved to and restored from a snapshot. Called only from the engine's thread.
 */
public interface ReplicatedStateMachine {

    /**
     * Applies one committed command; must be deterministic (the same result and state on every member) and must
     * not throw for a command it rejects: a rejection is a result like any other.
     *
     * @param position the command's position in the agreed order, strictly increasing
     * @return the result, which the proposer's caller receives
     */
    byte[] apply(long position, byte[] command);

    /**
     * Applies commands committed together (one processing round of the engine), in order, with the same effect and
     * results as {@link #apply} on each in turn, which is what the default does. An application whose every write
     * has a fixed cost (a transaction) overrides it to make the run one write; the engine reports none of them as
     * applied before this returns.
     *
     * @return one result per command, in order
     */
    default List<byte[]> applyAll(List<Committed> commands) {
        List<byte[]> results = new ArrayList<>(commands.size());
        for (Committed command : commands) {
            results.add(apply(command.position(), command.command()));
        }
        return results;
    }

    /** The whole state as of the last applied command. */
    byte[] snapshot();

    /** Replaces the whole state with a snapshot taken by {@link #snapshot()} on some member. */
    void restore(byte[] snapshot);

    /** A committed command at its position in the agreed order. */
    record Committed(long position, byte[] command) {
    }
}
