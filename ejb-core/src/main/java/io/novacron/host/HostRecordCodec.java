package io.novacron.host;

import java.io.DataInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Host records in a snapshot of the agreed state: {@code count:i32 {id:str spec version:i64 createdMs:i64
 * updatedMs:i64}*}, in id order so that equal states are equal bytes (PBFT members compare checkpoint digests), the
 * spec as {@link AgreedHostCommandCodec} writes it. Hand-written for the same reason as that codec: snapshots cross
 * members, and decoding another member's bytes must never instantiate arbitrary classes.
 */
final class HostRecordCodec {

    private HostRecordCodec() {
    }

    static void write(DataOutputStream out, List<Host> hosts) throws IOException {
        List<Host> ordered = new ArrayList<>(hosts);
        ordered.sort(Comparator.comparing(Host::getId));
        out.writeInt(ordered.size());
        for (Host host : ordered) {
            writeRecord(out, host);
        }
    }

    /** The snapshot bytes of one host record. */
    static byte[] encode(Host host) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeRecord(out, host);
        } catch (IOException e) {
            throw new UncheckedIOException("a host record could not be encoded in memory", e);
        }
        return bytes.toByteArray();
    }

    /** What {@link #write} writes, from records {@link #encode}d before and given in id order. */
    static void writeEncoded(DataOutputStream out, Collection<byte[]> recordsInIdOrder) throws IOException {
        out.writeInt(recordsInIdOrder.size());
        for (byte[] record : recordsInIdOrder) {
            out.write(record);
        }
    }

    private static void writeRecord(DataOutputStream out, Host host) throws IOException {
        out.writeUTF(host.getId());
        AgreedHostCommandCodec.writeSpec(out, host.spec());
        out.writeLong(host.getVersion());
        out.writeLong(host.createdAtEpochMs());
        out.writeLong(host.updatedAtEpochMs());
    }

    static List<Host> read(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("negative host count " + count + " in the snapshot");
        }
        List<Host> hosts = new ArrayList<>(Math.min(count, 1 << 16));
        for (int i = 0; i < count; i++) {
            String id = in.readUTF();
            HostSpec spec = AgreedHostCommandCodec.readSpec(in);
            hosts.add(Host.restore(id, spec, in.readLong(), in.readLong(), in.readLong()));
        }
        return hosts;
    }
}
