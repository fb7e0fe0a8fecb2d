package io.novacron.consensus.pbft;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.novacron.consensus.pbft.PbftMessage.Checkpoint;
import io.novacron.consensus.pbft.PbftMessage.Commit;
import io.novacron.consensus.pbft.PbftMessage.FetchState;
import io.novacron.consensus.pbft.PbftMessage.NewView;
import io.novacron.consensus.pbft.PbftMessage.PrePrepare;
import io.novacron.consensus.pbft.PbftMessage.Prepare;
import io.novacron.consensus.pbft.PbftMessage.PreparedCertificate;
import io.novacron.consensus.pbft.PbftMessage.Reply;
import io.novacron.consensus.pbft.PbftMessage.State;
import io.novacron.consensus.pbft.PbftMessage.ViewChange;
import io.novacron.crypto.Digests;
import io.novacron.crypto.QuorumCertificate;

/**
 * Binary encoding of {@link PbftMessage}s and the definition of what each message's signature covers.
 * <p>
 * Format: version byte, type byte, the type's fields big-endian (byte arrays and lists length-prefixed, nested
 * messages as length-prefixed encodings), then the signature. Decoding bounds every length by the bytes that
 * remain, so a hostile frame cannot make a replica allocate more than the frame's size.
 * <p>
 * SIGNATURE POLICY (what gets signed, and what it costs per batch of b requests, n replicas):
 * <ul>
 * <li>REQUEST: the client signs the request digest; each replica verifies it once (cached by digest), also when
 * the request arrives again inside a PRE-PREPARE. Cost: 1 verify per request per replica, the dominant term.</li>
 * <li>PRE-PREPARE: the primary signs (v, n, batch digest), not the requests, which the digest covers.</li>
 * <li>PREPARE, CHECKPOINT, VIEW-CHANGE, NEW-VIEW, FETCH-STATE, STATE, REPLY: the sender signs SHA-256 of the
 * encoding without the signature (nested proofs keep their own signatures).</li>
 * <li>COMMIT: signs {@link QuorumCertificate#signingPayload} so 2f+1 commits are the batch's certificate.</li>
 * </ul>
 * Per batch a replica signs about 2 messages (its PREPARE or PRE-PREPARE, its COMMIT) plus one REPLY per request
 * and verifies about 2n; batching therefore amortises everything but the per-request client verify and reply sign.
 * With ML-DSA-87 (~2k signs/s) signing every vote caps a replica at roughly 1k batches/s: use large batches, and
 * prefer Ed25519 for votes and replies with ML-DSA-87 for checkpoints and certificates (a per-message-type scheme
 * is not implemented yet; the {@link io.novacron.crypto.Signer} passed to the replica signs everything).
 */
public final class PbftMessageCodec {

    /** Wire format version; bump on any incompatible change. */
    public static final byte VERSION = 1;
    private static final byte[] DOMAIN = "novacron-pbft-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_SIGNATURE = new byte[0];

    private PbftMessageCodec() {
    }

    /** Encodes {@code message} including its signature. */
    public static byte[] encode(PbftMessage message) {
        Writer out = new Writer(expectedSize(message));
        write(out, message, true);
        return out.toArray();
    }

    /** A close upper estimate of the encoding's size for the messages that carry requests; a default otherwise. */
    private static int expectedSize(PbftMessage message) {
        switch (message.type()) {
            case REQUEST: {
                ClientRequest r = (ClientRequest) message;
                return 2 + 8 + 8 + 4 + r.operation().length + 4 + r.signature().length;
            }
            case PRE_PREPARE: {
                PrePrepare pp = (PrePrepare) message;
                int size = 2 + 4 + 8 + 8 + 4 + pp.batchDigest().length + 4 + 4 + pp.signature().length;
                for (ClientRequest r : pp.requests()) {
                    size += 4 + expectedSize(r);
                }
                return size;
            }
            default:
                return 256;
        }
    }

    /**
     * Returns the bytes the sender signs. The signature policy lives here: PRE-PREPARE signs (v, n, d) only, since
     * d covers the requests and each request carries its client's signature; COMMIT signs the quorum-certificate
     * payload so commits form a {@link QuorumCertificate}; REQUEST signs its digest; every other message signs
     * SHA-256 of its encoding without the signature.
     */
    public static byte[] signedBytes(PbftMessage message) {
        switch (message.type()) {
            case REQUEST:
                return ((ClientRequest) message).digest();
            case COMMIT: {
                Commit commit = (Commit) message;
                return QuorumCertificate.signingPayload(commit.view(), commit.sequence(), commit.batchDigest());
            }
            case PRE_PREPARE: {
                PrePrepare pp = (PrePrepare) message;
                Writer out = new Writer();
                out.putByte((byte) MessageType.PRE_PREPARE.ordinal()).putInt(pp.sender()).putLong(pp.view())
                        .putLong(pp.sequence()).putBytes(pp.batchDigest());
                return Digests.sha256(DOMAIN, out.toArray());
            }
            default: {
                Writer out = new Writer();
                write(out, message, false);
                return Digests.sha256(DOMAIN, out.toArray());
            }
        }
    }

    /**
     * Decodes one message.
     *
     * @throws MalformedMessageException on an unknown version or type, a truncated or oversized field, or trailing
     *                                   bytes
     */
    public static PbftMessage decode(byte[] bytes) throws MalformedMessageException {
        Reader in = new Reader(bytes);
        PbftMessage message = read(in, 0);
        in.expectEnd();
        return message;
    }

    private static void write(Writer out, PbftMessage message, boolean withSignature) {
        out.putByte(VERSION).putByte((byte) message.type().ordinal());
        switch (message.type()) {
            case REQUEST: {
                ClientRequest r = (ClientRequest) message;
                out.putLong(r.clientId()).putLong(r.timestamp()).putBytes(r.operation());
                break;
            }
            case PRE_PREPARE: {
                PrePrepare pp = (PrePrepare) message;
                out.putInt(pp.sender()).putLong(pp.view()).putLong(pp.sequence()).putBytes(pp.batchDigest());
                out.putInt(pp.requests().size());
                pp.requests().forEach(out::putNested);
                break;
            }
            case PREPARE: {
                Prepare p = (Prepare) message;
                out.putInt(p.sender()).putLong(p.view()).putLong(p.sequence()).putBytes(p.batchDigest());
                break;
            }
            case COMMIT: {
                Commit c = (Commit) message;
                out.putInt(c.sender()).putLong(c.view()).putLong(c.sequence()).putBytes(c.batchDigest());
                break;
            }
            case REPLY: {
                Reply r = (Reply) message;
                out.putInt(r.sender()).putLong(r.view()).putLong(r.clientId()).putLong(r.timestamp())
                        .putBytes(r.result());
                break;
            }
            case CHECKPOINT: {
                Checkpoint c = (Checkpoint) message;
                out.putInt(c.sender()).putLong(c.sequence()).putBytes(c.stateDigest());
                break;
            }
            case VIEW_CHANGE:
                writeViewChange(out, (ViewChange) message);
                break;
            case NEW_VIEW: {
                NewView nv = (NewView) message;
                out.putInt(nv.sender()).putLong(nv.view());
                out.putInt(nv.viewChanges().size());
                nv.viewChanges().forEach(out::putNested);
                out.putInt(nv.prePrepares().size());
                nv.prePrepares().forEach(out::putNested);
                break;
            }
            case FETCH_STATE: {
                FetchState fs = (FetchState) message;
                out.putInt(fs.sender()).putLong(fs.sequence());
                break;
            }
            case STATE: {
                State s = (State) message;
                out.putInt(s.sender()).putLong(s.sequence()).putBytes(s.replicaState())
                        .putBytes(s.applicationSnapshot());
                break;
            }
            default:
                throw new IllegalStateException("unhandled type " + message.type());
        }
        out.putBytes(withSignature ? message.signature() : NO_SIGNATURE);
    }

    private static void writeViewChange(Writer out, ViewChange vc) {
        out.putInt(vc.sender()).putLong(vc.newView()).putLong(vc.stableSequence());
        out.putInt(vc.checkpointProof().size());
        vc.checkpointProof().forEach(out::putNested);
        out.putInt(vc.preparedCertificates().size());
        for (PreparedCertificate pc : vc.preparedCertificates()) {
            out.putBytes(encode(pc.prePrepare()));
            out.putInt(pc.prepares().size());
            pc.prepares().forEach(out::putNested);
        }
    }

    private static final int MAX_NESTING = 3; // NEW_VIEW > VIEW_CHANGE > PRE_PREPARE > REQUEST

    private static PbftMessage read(Reader in, int depth) throws MalformedMessageException {
        if (depth > MAX_NESTING) {
            throw new MalformedMessageException("messages nested deeper than " + MAX_NESTING);
        }
        byte version = in.getByte();
        if (version != VERSION) {
            throw new MalformedMessageException("unknown version " + version + ", expected " + VERSION);
        }
        int typeIndex = in.getByte();
        if (typeIndex < 0 || typeIndex >= MessageType.values().length) {
            throw new MalformedMessageException("unknown message type " + typeIndex);
        }
        MessageType type = MessageType.values()[typeIndex];
        switch (type) {
            case REQUEST: {
                long client = in.getLong();
                long timestamp = in.getLong();
                byte[] operation = in.getBytes();
                return ClientRequest.adopt(client, timestamp, operation, in.getBytes());
            }
            case PRE_PREPARE: {
                int sender = in.getInt();
                long view = in.getLong();
                long sequence = in.getLong();
                byte[] digest = in.getBytes();
                List<ClientRequest> requests = readList(in, depth, ClientRequest.class);
                return new PrePrepare(sender, view, sequence, digest, requests, in.getBytes());
            }
            case PREPARE:
                return new Prepare(in.getInt(), in.getLong(), in.getLong(), in.getBytes(), in.getBytes());
            case COMMIT:
                return new Commit(in.getInt(), in.getLong(), in.getLong(), in.getBytes(), in.getBytes());
            case REPLY:
                return new Reply(in.getInt(), in.getLong(), in.getLong(), in.getLong(), in.getBytes(), in.getBytes());
            case CHECKPOINT:
                return new Checkpoint(in.getInt(), in.getLong(), in.getBytes(), in.getBytes());
            case VIEW_CHANGE:
                return readViewChange(in, depth);
            case NEW_VIEW: {
                int sender = in.getInt();
                long view = in.getLong();
                List<ViewChange> viewChanges = readList(in, depth, ViewChange.class);
                List<PrePrepare> prePrepares = readList(in, depth, PrePrepare.class);
                return new NewView(sender, view, viewChanges, prePrepares, in.getBytes());
            }
            case FETCH_STATE:
                return new FetchState(in.getInt(), in.getLong(), in.getBytes());
            case STATE:
                return new State(in.getInt(), in.getLong(), in.getBytes(), in.getBytes(), in.getBytes());
            default:
                throw new MalformedMessageException("unhandled type " + type);
        }
    }

    private static ViewChange readViewChange(Reader in, int depth) throws MalformedMessageException {
        int sender = in.getInt();
        long newView = in.getLong();
        long stable = in.getLong();
        List<Checkpoint> proof = readList(in, depth, Checkpoint.class);
        int count = in.getCount();
        List<PreparedCertificate> certificates = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            PrePrepare pp = nested(in, depth, PrePrepare.class);
            certificates.add(new PreparedCertificate(pp, readList(in, depth, Prepare.class)));
        }
        return new ViewChange(sender, newView, stable, proof, certificates, in.getBytes());
    }

    private static <T extends PbftMessage> List<T> readList(Reader in, int depth, Class<T> kind)
            throws MalformedMessageException {
        int count = in.getCount();
        List<T> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(nested(in, depth, kind));
        }
        return list;
    }

    private static <T extends PbftMessage> T nested(Reader in, int depth, Class<T> kind)
            throws MalformedMessageException {
        Reader inner = in.slice();
        PbftMessage message = read(inner, depth + 1);
        inner.expectEnd();
        if (!kind.isInstance(message)) {
            throw new MalformedMessageException("expected nested " + kind.getSimpleName() + ", got " + message.type());
        }
        return kind.cast(message);
    }

    /** Growable big-endian buffer; avoids DataOutputStream's checked IOException for in-memory writes. */
    private static final class Writer {
        private byte[] bytes;
        private int size;

        Writer() {
            this(256);
        }

        /** A writer sized for {@code expected} bytes, so large messages are not copied while they grow. */
        Writer(int expected) {
            bytes = new byte[Math.max(64, expected)];
        }

        /** Writes {@code message}, signature included, as a length-prefixed field, encoding it in place. */
        Writer putNested(PbftMessage message) {
            ensure(4);
            int lengthAt = size;
            size += 4;
            write(this, message, true);
            ByteBuffer.wrap(bytes, lengthAt, 4).putInt(size - lengthAt - 4);
            return this;
        }

        private void ensure(int extra) {
            if (size + extra > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
            }
        }

        Writer putByte(byte value) {
            ensure(1);
            bytes[size++] = value;
            return this;
        }

        Writer putInt(int value) {
            ensure(4);
            ByteBuffer.wrap(bytes, size, 4).putInt(value);
            size += 4;
            return this;
        }

        Writer putLong(long value) {
            ensure(8);
            ByteBuffer.wrap(bytes, size, 8).putLong(value);
            size += 8;
            return this;
        }

        Writer putBytes(byte[] value) {
            putInt(value.length);
            ensure(value.length);
            System.arraycopy(value, 0, bytes, size, value.length);
            size += value.length;
            return this;
        }

        byte[] toArray() {
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }
    }

    /** Bounds-checked reader: every failure is a {@link MalformedMessageException}, never a runtime exception. */
    private static final class Reader {
        private final ByteBuffer buffer;

        Reader(byte[] bytes) {
            this(ByteBuffer.wrap(bytes));
        }

        private Reader(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        /** A reader over the next length-prefixed field, without copying it (nested messages). */
        Reader slice() throws MalformedMessageException {
            int length = getInt();
            if (length < 0 || length > buffer.remaining()) {
                throw new MalformedMessageException("nested length " + length + " at offset " + buffer.position()
                        + " exceeds the " + buffer.remaining() + " bytes left");
            }
            ByteBuffer inner = buffer.slice(buffer.position(), length);
            buffer.position(buffer.position() + length);
            return new Reader(inner);
        }

        private void need(int count, String what) throws MalformedMessageException {
            if (buffer.remaining() < count) {
                throw new MalformedMessageException("truncated " + what + " at offset " + buffer.position());
            }
        }

        byte getByte() throws MalformedMessageException {
            need(1, "byte");
            return buffer.get();
        }

        int getInt() throws MalformedMessageException {
            need(4, "int");
            return buffer.getInt();
        }

        long getLong() throws MalformedMessageException {
            need(8, "long");
            return buffer.getLong();
        }

        /** A list count: each element takes at least 4 bytes, which bounds the allocation by the frame size. */
        int getCount() throws MalformedMessageException {
            int count = getInt();
            if (count < 0 || count > buffer.remaining() / 4) {
                throw new MalformedMessageException("list count " + count + " at offset " + buffer.position()
                        + " exceeds the " + buffer.remaining() + " bytes left");
            }
            return count;
        }

        byte[] getBytes() throws MalformedMessageException {
            int length = getInt();
            if (length < 0 || length > buffer.remaining()) {
                throw new MalformedMessageException("field length " + length + " at offset " + buffer.position()
                        + " exceeds the " + buffer.remaining() + " bytes left");
            }
            byte[] out = new byte[length];
            buffer.get(out);
            return out;
        }

        void expectEnd() throws MalformedMessageException {
            if (buffer.hasRemaining()) {
                throw new MalformedMessageException(buffer.remaining() + " trailing bytes");
            }
        }
    }
}
