package io.novacron.consensus.pbft;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Several commands carried as one PBFT operation (and their results as one reply): {@code count:i32} then
 * {@code length:i32 bytes} per command.
 * <p>
 * A NovaCron server is a PBFT client with many commands waiting at once; signing, verifying and replying once per
 * bundle instead of once per command is what lets four replicas on two cores carry thousands of commands per
 * second with Ed25519. The protocol stays Castro–Liskov's: a bundle is one request with one timestamp, so it
 * executes at most once, as a whole, in the order its commands were bundled.
 */
public final class CommandBundle {

    private CommandBundle() {
    }

    /** Encodes {@code commands} in order; each must be non-null. */
    public static byte[] encode(List<byte[]> commands) {
        int size = 4;
        for (byte[] command : commands) {
            size += 4 + command.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putInt(commands.size());
        for (byte[] command : commands) {
            buffer.putInt(command.length).put(command);
        }
        return buffer.array();
    }

    /**
     * Decodes a bundle strictly.
     *
     * A committed bundle comes from a client the replicas do not trust, so the application must handle this
     * exception deterministically (the same error result on every replica), never by crashing.
     *
     * @throws MalformedMessageException if the count or a length does not match the bytes present, or bytes trail
     */
    public static List<byte[]> decode(byte[] bundle) throws MalformedMessageException {
        ByteBuffer buffer = ByteBuffer.wrap(bundle);
        if (buffer.remaining() < 4) {
            throw new MalformedMessageException("command bundle of " + bundle.length + " B has no count");
        }
        int count = buffer.getInt();
        if (count < 0 || count > buffer.remaining() / 4) {
            throw new MalformedMessageException("command bundle count " + count + " does not fit its "
                    + bundle.length + " B");
        }
        List<byte[]> commands = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = buffer.remaining() >= 4 ? buffer.getInt() : -1;
            if (length < 0 || length > buffer.remaining()) {
                throw new MalformedMessageException("command " + i + " of " + count + " in a bundle of "
                        + bundle.length + " B has a bad length " + length);
            }
            byte[] command = new byte[length];
            buffer.get(command);
            commands.add(command);
        }
        if (buffer.hasRemaining()) {
            throw new MalformedMessageException("command bundle has " + buffer.remaining() + " B after its "
                    + count + " commands");
        }
        return commands;
    }
}
