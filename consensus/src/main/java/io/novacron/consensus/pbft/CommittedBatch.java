package io.novacron.consensus.pbft;

import java.util.List;

import io.novacron.crypto.QuorumCertificate;

/**
 * A batch committed at a sequence number, with the requests the application must execute and the quorum
 * certificate proving the commit.
 * <p>
 * {@link #requests()} already excludes requests a client had executed before (de-duplication is the core's job,
 * so every replica skips exactly the same ones). After executing, the driver calls
 * {@link PbftReplica#executed(long, List)} with one result per request, and, if {@link #checkpointDue()},
 * {@link PbftReplica#checkpointed(long, byte[])} with its state snapshot.
 *
 * @param view          view the batch committed in
 * @param sequence      sequence number; batches arrive strictly in increasing, gap-free order
 * @param batchDigest   digest of the batch as proposed (including requests skipped as duplicates)
 * @param requests      requests to execute, in order
 * @param certificate   2f+1 COMMIT signatures over (view, sequence, batchDigest)
 * @param checkpointDue true when sequence is a multiple of K and the driver must report its state afterwards
 */
public record CommittedBatch(long view, long sequence, byte[] batchDigest, List<ClientRequest> requests,
                             QuorumCertificate certificate, boolean checkpointDue) {

    /** Copies the list so the batch cannot change after it is handed out. */
    public CommittedBatch {
        requests = List.copyOf(requests);
    }
}
