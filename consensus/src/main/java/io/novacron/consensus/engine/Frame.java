package io.novacron.consensus.engine;

/**
 * Bytes for one member, by its index in the member list (0..n-1).
 *
 * @param member  destination member index
 * @param payload the engine's envelope; hand it to that member's {@link ConsensusEngine#receive} unchanged
 * @param bulk    a large transfer (a snapshot, a state transfer) that should travel apart from the protocol's small
 *                messages, so that it does not hold them up; its order relative to them does not matter
 */
public record Frame(int member, byte[] payload, boolean bulk) {

    /** An ordinary protocol message. */
    public Frame(int member, byte[] payload) {
        this(member, payload, false);
    }
}
