package io.novacron.consensus.engine;

/**
 * A command this member applied, with its result: what the driver uses to answer whoever proposed it.
 *
 * @param position the command's position in the agreed order (Raft log index; PBFT sequence and offset)
 * @param command  the command bytes as proposed
 * @param result   what {@link ReplicatedStateMachine#apply} returned
 * @param proof    evidence of the commit a third party can check (a PBFT quorum certificate's encoding), or empty
 */
public record Applied(long position, byte[] command, byte[] result, byte[] proof) {
}
