package io.novacron.consensus.faults;

/**
 * What a {@link FaultyOutputs} has done to the frames it was given since it was created, for logs and metrics: a
 * system test that expects faults can check they really happened.
 *
 * @param droppedFrames     frames never sent
 * @param duplicatedFrames  extra copies sent
 * @param corruptedFrames   frames sent with bits flipped
 * @param delayedFrames     frames handed to the scheduler instead of sent at once
 * @param equivocatedFrames PRE-PREPAREs replaced by a conflicting one
 */
public record FaultCounts(long droppedFrames, long duplicatedFrames, long corruptedFrames, long delayedFrames,
                          long equivocatedFrames) {
}
