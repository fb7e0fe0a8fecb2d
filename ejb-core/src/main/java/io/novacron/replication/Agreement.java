package io.novacron.replication;

/**
 * A command this server proposed, committed and applied here.
 *
 * @param position    its position in the agreed order (Raft log index; PBFT sequence × 1,000,000 + offset)
 * @param certificate the quorum certificate's bytes under PBFT, empty under Raft
 * @param outcome     what the state part returned for the proposer's caller ({@link AgreedState.Outcome#local()})
 */
public record Agreement(long position, byte[] certificate, Object outcome) {
}
