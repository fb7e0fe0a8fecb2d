package io.novacron.replication;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * A command as it travels through the consensus log: {@code kind:u8 proposal:16 bytes payload}. The kind picks the
 * {@link AgreedState} that applies it; the proposal id lets the proposing server match the applied command to the
 * caller waiting for it (a proposal may reach the log through another member, so identity is all it can go by).
 */
public record ProposedCommand(byte kind, UUID proposal, byte[] payload) {

    static final int HEADER_BYTES = 1 + 16;

    public byte[] encode() {
        return ByteBuffer.allocate(HEADER_BYTES + payload.length).put(kind)
                .putLong(proposal.getMostSignificantBits()).putLong(proposal.getLeastSignificantBits())
                .put(payload).array();
    }

    /** The command in {@code bytes}, or empty when they are too short to be one. */
    public static Optional<ProposedCommand> decode(byte[] bytes) {
        if (bytes.length < HEADER_BYTES) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte kind = buffer.get();
        UUID proposal = new UUID(buffer.getLong(), buffer.getLong());
        return Optional.of(new ProposedCommand(kind, proposal, Arrays.copyOfRange(bytes, HEADER_BYTES, bytes.length)));
    }
}
