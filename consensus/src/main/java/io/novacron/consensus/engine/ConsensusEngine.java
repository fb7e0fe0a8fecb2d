package io.novacron.consensus.engine;

import java.io.IOException;

/**
 * One member's consensus engine: inputs are proposals, frames from other members and ticks; {@link #process()}
 * carries out everything the core asked for (persist, then send, then apply) and returns what to send and what was
 * applied. Not thread-safe: one driver thread owns it.
 */
public interface ConsensusEngine extends AutoCloseable {

    /** Offers a command for agreement; its outcome arrives as an {@link Applied} (or a refusal) from process(). */
    void propose(byte[] command);

    /**
     * Takes back a proposed command that has not left this member yet (held while no leader is known, or queued for
     * the next bundle), so that it will never commit; false when it may already be on its way to the log.
     */
    default boolean withdraw(byte[] command) {
        return false;
    }

    /** Advances logical time by one tick. */
    void tick();

    /** A frame another member sent; malformed or unauthenticated frames are dropped and counted. */
    void receive(int fromMember, byte[] payload);

    /** Persists, collects frames, applies committed commands; call after any input. */
    EngineOutput process() throws IOException;

    EngineStatus status();

    /** Frames dropped as malformed since start. */
    long malformedFrames();

    @Override
    void close() throws IOException;
}
