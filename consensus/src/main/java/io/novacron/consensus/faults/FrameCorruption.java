package io.novacron.consensus.faults;

import io.novacron.consensus.engine.PbftEngine;
import io.novacron.consensus.engine.RaftEngine;

/**
 * Flips one bit of a frame payload at a place where the receiving engine's checks are certain to reject it; the
 * payload keeps its length and its destination, so it still travels as a frame.
 * <p>
 * Where depends on the protocol. A PBFT message ends with its signature, so the flip lands there and the receiver
 * counts a bad signature from the sender, the evidence a Byzantine member leaves. Raft trusts its peers and carries
 * no checksum, so a flip in a Raft body could read as a valid message with a wrong term or entry, a fault Raft does
 * not claim to survive: the flip goes into the codec's version byte instead. A forwarded command has no check at
 * all, so the flip goes into its kind byte, which no engine knows.
 */
final class FrameCorruption {

    /** The top bit: flipping it in a kind byte can never yield another ASCII kind letter. */
    private static final int TOP_BIT = 0x80;

    private FrameCorruption() {
    }

    /** A corrupted copy of {@code payload}; the original is left untouched, other frames may share it. */
    static byte[] corrupt(byte[] payload) {
        byte[] copy = payload.clone();
        if (copy.length == 0) {
            return copy;
        }
        byte kind = copy[0];
        if (kind == PbftEngine.FRAME_KIND && copy.length > 1) {
            copy[copy.length - 1] ^= 1;
        } else if (kind == RaftEngine.MESSAGE_FRAME_KIND && copy.length > 1) {
            copy[1] ^= TOP_BIT;
        } else {
            copy[0] ^= TOP_BIT;
        }
        return copy;
    }
}
