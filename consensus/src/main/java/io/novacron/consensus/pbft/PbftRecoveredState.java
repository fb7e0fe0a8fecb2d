package io.novacron.consensus.pbft;

import java.util.List;

import io.novacron.consensus.pbft.PbftMessage.Checkpoint;

/**
 * What a {@link PbftJournal} recovered for one replica, the input of {@link PbftReplica#restore}: enough to resume
 * without contradicting any vote the replica sent before it stopped (Castro and Liskov, TOCS'02 §4.3, §4.4).
 * <p>
 * It is the stable checkpoint (sequence, its 2f+1 proof, and the replica's own state there: client table and
 * application snapshot) plus every persisted protocol message still live above it, so the replica re-derives its
 * slots, prepared certificates, commits and view-change state instead of trusting a second copy of them.
 *
 * @param view                the highest view the replica persisted; it never returns below it
 * @param stableSequence      the last stable checkpoint h, 0 for the genesis state
 * @param stableProof         the 2f+1 CHECKPOINT messages proving h (empty at genesis)
 * @param clientTable         the replica's per-client timestamps at h, as encoded in the checkpoint digest (empty
 *                            at genesis)
 * @param applicationSnapshot the application state at h, as the driver reported it (empty at genesis)
 * @param messages            persisted pre-prepares, prepares, commits, checkpoints and own checkpoint states above
 *                            h, the latest VIEW-CHANGE of each sender and the latest NEW-VIEW, in persisted order
 */
public record PbftRecoveredState(long view, long stableSequence, List<Checkpoint> stableProof, byte[] clientTable,
                                 byte[] applicationSnapshot, List<PbftMessage> messages) {

    /** Copies the lists so the recovered state cannot change while a replica is rebuilt from it. */
    public PbftRecoveredState {
        stableProof = List.copyOf(stableProof);
        messages = List.copyOf(messages);
    }

    /** A replica that never persisted anything: view 0, genesis checkpoint 0. */
    public static PbftRecoveredState genesis() {
        return new PbftRecoveredState(0, 0, List.of(), new byte[0], new byte[0], List.of());
    }
}
