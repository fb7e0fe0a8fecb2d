package io.novacron.consensus.engine;

/**
 * Bytes for one member, by its index in the member list (0..n-1).
 *
 * @param member  destination member index
 * @param payload the engine's envelope; hand it to that member's {@link ConsensusEngine#receive} unchanged
 */
public record Frame(int member, byte[] payload) {
}
