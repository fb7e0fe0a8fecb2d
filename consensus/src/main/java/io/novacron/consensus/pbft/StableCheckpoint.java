package io.novacron.consensus.pbft;

import java.util.List;

/**
 * A checkpoint that became stable: 2f+1 replicas signed the same state digest at this sequence number (§4.3).
 * <p>
 * Reported so the driver can discard its persisted log and older snapshots up to {@link #sequence()}, and so the
 * proof can be shown to others (it is what a VIEW-CHANGE carries as C).
 *
 * @param sequence    the new low watermark h
 * @param stateDigest the agreed digest
 * @param proof       the 2f+1 signed CHECKPOINT messages
 */
public record StableCheckpoint(long sequence, byte[] stateDigest, List<PbftMessage.Checkpoint> proof) {

    /** Copies the list so the proof cannot change after it is handed out. */
    public StableCheckpoint {
        proof = List.copyOf(proof);
    }
}
