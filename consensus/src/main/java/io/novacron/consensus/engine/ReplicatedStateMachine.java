package io.novacron.consensus.engine;

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

    /** The whole state as of the last applied command. */
    byte[] snapshot();

    /** Replaces the whole state with a snapshot taken by {@link #snapshot()} on some member. */
    void restore(byte[] snapshot);
}
