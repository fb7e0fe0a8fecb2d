package io.novacron.consensus.pbft;

/**
 * A signed message and where to send it, produced by a core for its driver to transmit.
 * <p>
 * Separating "what" from "how" is what keeps the cores free of I/O.
 *
 * @param to      destination
 * @param message signed message
 */
public record Outbound(Destination to, PbftMessage message) {
}
