package io.novacron.host;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The bytes of an {@link AgreedHostCommand} in the consensus log: {@code version:u8 kind:u8 requestId:2×i64
 * actor:str proposedAtMicros:i64}, then per kind REGISTER {@code newHostId:str spec}, UPDATE {@code hostId:str
 * hasExpected:u8 [expected:i64] spec}, REMOVE {@code hostId:str}; a spec is {@code name region site address
 * (nullable str) vcpus (nullable i32) memoryMib (nullable i64) hasLabels:u8 labelCount:i32 {key:str value:str}* state (nullable
 * u8)}. Strings are modified UTF-8 with a length; a nullable value has a presence byte first.
 * <p>
 * Hand-written rather than JSON because the bytes are hashed, signed and compared across members: labels are
 * written in key order so equal commands are equal bytes, and decoding is strict (a member must refuse what it does
 * not understand exactly, not guess).
 */
public final class AgreedHostCommandCodec {

    static final byte VERSION = 1;
    private static final byte REGISTER = 1;
    private static final byte UPDATE = 2;
    private static final byte REMOVE = 3;

    private AgreedHostCommandCodec() {
    }

    public static byte[] encode(AgreedHostCommand agreed) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            HostCommand command = agreed.command();
            out.writeByte(command instanceof HostCommand.Register ? REGISTER
                    : command instanceof HostCommand.Update ? UPDATE : REMOVE);
            out.writeLong(agreed.requestId().getMostSignificantBits());
            out.writeLong(agreed.requestId().getLeastSignificantBits());
            out.writeUTF(agreed.actor());
            out.writeLong(Math.multiplyExact(agreed.proposedAt().getEpochSecond(), 1_000_000L)
                    + agreed.proposedAt().getNano() / 1_000);
            if (command instanceof HostCommand.Register register) {
                out.writeUTF(agreed.newHostId());
                writeSpec(out, register.spec());
            } else if (command instanceof HostCommand.Update update) {
                out.writeUTF(update.hostId());
                out.writeBoolean(update.expectedVersion() != null);
                if (update.expectedVersion() != null) {
                    out.writeLong(update.expectedVersion());
                }
                writeSpec(out, update.spec());
            } else {
                out.writeUTF(((HostCommand.Remove) command).hostId());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws IllegalArgumentException naming what is wrong, for bytes that are not exactly one command of this
     *                                  version
     */
    public static AgreedHostCommand decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("host command version " + version + " is not " + VERSION);
            }
            byte kind = in.readByte();
            UUID requestId = new UUID(in.readLong(), in.readLong());
            String actor = in.readUTF();
            long micros = in.readLong();
            Instant proposedAt = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1_000);
            AgreedHostCommand agreed = switch (kind) {
                case REGISTER -> {
                    String newHostId = in.readUTF();
                    yield new AgreedHostCommand(requestId, actor, proposedAt, newHostId,
                            new HostCommand.Register(readSpec(in)));
                }
                case UPDATE -> {
                    String hostId = in.readUTF();
                    Long expected = in.readBoolean() ? in.readLong() : null;
                    yield new AgreedHostCommand(requestId, actor, proposedAt, null,
                            new HostCommand.Update(hostId, readSpec(in), expected));
                }
                case REMOVE -> new AgreedHostCommand(requestId, actor, proposedAt, null,
                        new HostCommand.Remove(in.readUTF()));
                default -> throw new IllegalArgumentException("unknown host command kind " + kind);
            };
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " bytes after the host command");
            }
            return agreed;
        } catch (EOFException e) {
            throw new IllegalArgumentException("truncated host command (" + bytes.length + " B)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed host command: " + e.getMessage(), e);
        }
    }

    static void writeSpec(DataOutputStream out, HostSpec spec) throws IOException {
        writeNullable(out, spec.name());
        writeNullable(out, spec.region());
        writeNullable(out, spec.site());
        writeNullable(out, spec.address());
        out.writeBoolean(spec.vcpus() != null);
        if (spec.vcpus() != null) {
            out.writeInt(spec.vcpus());
        }
        out.writeBoolean(spec.memoryMib() != null);
        if (spec.memoryMib() != null) {
            out.writeLong(spec.memoryMib());
        }
        out.writeBoolean(spec.labels() != null);
        Map<String, String> labels = new TreeMap<>(spec.labelsOrEmpty()); // key order: equal specs, equal bytes
        out.writeInt(labels.size());
        for (Map.Entry<String, String> label : labels.entrySet()) {
            out.writeUTF(label.getKey());
            out.writeUTF(label.getValue());
        }
        out.writeBoolean(spec.state() != null);
        if (spec.state() != null) {
            out.writeByte(spec.state().ordinal());
        }
    }

    static HostSpec readSpec(DataInputStream in) throws IOException {
        String name = readNullable(in);
        String region = readNullable(in);
        String site = readNullable(in);
        String address = readNullable(in);
        Integer vcpus = in.readBoolean() ? in.readInt() : null;
        Long memoryMib = in.readBoolean() ? in.readLong() : null;
        boolean hasLabels = in.readBoolean();
        int labelCount = in.readInt();
        if (labelCount < 0 || labelCount > in.available() / 4) {
            throw new IllegalArgumentException("label count " + labelCount + " does not fit the command");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < labelCount; i++) {
            labels.put(in.readUTF(), in.readUTF());
        }
        HostState state = null;
        if (in.readBoolean()) {
            int ordinal = in.readUnsignedByte();
            if (ordinal >= HostState.values().length) {
                throw new IllegalArgumentException("unknown host state " + ordinal);
            }
            state = HostState.values()[ordinal];
        }
        return new HostSpec(name, region, site, address, vcpus, memoryMib, hasLabels ? labels : null, state);
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
