package io.novacron.consensus.engine;

import java.util.List;

/**
 * What one {@link ConsensusEngine#process()} produced, its durable effects already on disk.
 *
 * @param frames   to send, in order per member
 * @param applied  commands applied to the state machine, in order
 * @param refused  commands this member could not place (no leader known and its queue full): fail them fast
 */
public record EngineOutput(List<Frame> frames, List<Applied> applied, List<byte[]> refused) {

    public EngineOutput {
        frames = List.copyOf(frames);
        applied = List.copyOf(applied);
        refused = List.copyOf(refused);
    }
}
