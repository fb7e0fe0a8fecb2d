package io.novacron.consensus.pbft;

import java.util.Map;

/**
 * A read-only snapshot of a replica's progress and of the faults it has seen, for the admin UI, metrics and the
 * reputation layer.
 * <p>
 * The drop counters are per sender so "invalid signature from replica r" can become a reputation event without
 * the core knowing about reputation.
 *
 * @param replicaId                 this replica
 * @param view                      current view (the target view while a view change is in progress)
 * @param viewChangeInProgress      true between sending VIEW-CHANGE and accepting the matching NEW-VIEW
 * @param primary                   primary of {@link #view()}
 * @param lastExecutedSeq           highest sequence handed out for execution
 * @param lowWatermarkSeq           h, the last stable checkpoint
 * @param highWatermarkSeq          H = h + L
 * @param retainedLogSlots          sequence numbers with agreement state kept in memory (all are above h)
 * @param invalidSignaturesBySender replica id to messages dropped for a missing or invalid signature (including
 *                                  a pre-prepare carrying a badly signed request)
 * @param invalidClientSignatures   requests dropped for a bad client signature (client ids are another namespace)
 * @param otherDroppedMessages      messages dropped for any other reason (outside the window, stale view, ...)
 */
public record PbftStatus(int replicaId, long view, boolean viewChangeInProgress, int primary, long lastExecutedSeq,
                         long lowWatermarkSeq, long highWatermarkSeq, int retainedLogSlots, Map<Long, Long> invalidSignaturesBySender,
                         long invalidClientSignatures, long otherDroppedMessages) {

    /** Copies the map so the status cannot change after it is taken. */
    public PbftStatus {
        invalidSignaturesBySender = Map.copyOf(invalidSignaturesBySender);
    }
}
