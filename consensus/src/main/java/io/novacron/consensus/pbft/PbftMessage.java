package io.novacron.consensus.pbft;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.novacron.crypto.Digests;

/**
 * One immutable PBFT protocol message, the sender's id and its signature over
 * {@link PbftMessageCodec#signedBytes(PbftMessage)}.
 * <p>
 * A sealed interface with one record per {@link MessageType} so every handler works on typed fields and the
 * codec's switch is exhaustive. Byte arrays are copied in by the producers in this package and must be treated as
 * read-only by readers (copying 1 KiB payloads on every access would cost more than the signature check).
 */
public sealed interface PbftMessage permits ClientRequest, PbftMessage.PrePrepare, PbftMessage.Prepare,
        PbftMessage.Commit, PbftMessage.Reply, PbftMessage.Checkpoint, PbftMessage.ViewChange,
        PbftMessage.NewView, PbftMessage.FetchState, PbftMessage.State {

    /** The paper's name for this message. */
    MessageType type();

    /** Replica id (0..n-1) for replica messages, client id for REQUEST. */
    long senderId();

    /** Signature over {@link PbftMessageCodec#signedBytes(PbftMessage)}; empty if unsigned. */
    byte[] signature();

    /** Returns a copy of this message carrying {@code signature}. */
    PbftMessage withSignature(byte[] signature);

    /** PRE-PREPARE(v, n, d) with the batch piggybacked; the signature covers (v, n, d), not the requests. */
    record PrePrepare(int sender, long view, long sequence, byte[] batchDigest, List<ClientRequest> requests,
                      byte[] signature) implements PbftMessage {
        /** Domain tag of batch digests, so a batch digest can never be confused with a request digest. */
        private static final byte[] BATCH_DOMAIN = "novacron-pbft-batch-v1".getBytes(StandardCharsets.US_ASCII);

        /** Copies the list so the message cannot change after it is signed. */
        public PrePrepare {
            requests = List.copyOf(requests);
        }

        /** The batch digest d: SHA-256 over the requests' digests; an empty batch is the paper's null request. */
        public static byte[] digestOf(List<ClientRequest> requests) {
            byte[][] parts = new byte[requests.size() + 1][];
            parts[0] = BATCH_DOMAIN;
            for (int i = 0; i < requests.size(); i++) {
                parts[i + 1] = requests.get(i).digest();
            }
            return Digests.sha256(parts);
        }

        @Override
        public MessageType type() {
            return MessageType.PRE_PREPARE;
        }

        @Override
        public long senderId() {
            return sender;
        }

        @Override
        public PrePrepare withSignature(byte[] newSignature) {
            return new PrePrepare(sender, view, sequence, batchDigest, requests, newSignature);
        }
    }

    /** PREPARE(v, n, d, i): backup i accepted the pre-prepare for (v, n) with digest d. */
    record Prepare(int sender, long view, long sequence, byte[] batchDigest, byte[] signature) implements PbftMessage {
        @Override
        public MessageType type() {
            return MessageType.PREPARE;
        }

        @Override
        public long senderId() {
            return sender;
        }

        @Override
        public Prepare withSignature(byte[] newSignature) {
            return new Prepare(sender, view, sequence, batchDigest, newSignature);
        }
    }

    /** COMMIT(v, n, d, i): replica i has prepared d at (v, n); signs the quorum-certificate payload. */
    record Commit(int sender, long view, long sequence, byte[] batchDigest, byte[] signature) implements PbftMessage {
        @Override
        public MessageType type() {
            return MessageType.COMMIT;
        }

        @Override
        public long senderId() {
            return sender;
        }

        @Override
        public Commit withSignature(byte[] newSignature) {
            return new Commit(sender, view, sequence, batchDigest, newSignature);
        }
    }

    /** REPLY(v, t, c, i, r): replica i's result r for client c's request with timestamp t. */
    record Reply(int sender, long view, long clientId, long timestamp, byte[] result, byte[] signature)
            implements PbftMessage {
        @Override
        public MessageType type() {
            return MessageType.REPLY;
        }

        @Override
        public long senderId() {
            return sender;
        }

        @Override
        public Reply withSignature(byte[] newSignature) {
            return new Reply(sender, view, clientId, timestamp, result, newSignature);
        }
    }

    /** CHECKPOINT(n, d, i): replica i's state digest after executing sequence n. */
    record Checkpoint(int sender, long sequence, byte[] stateDigest, byte[] signature) implements PbftMessage {
        @Override
        public MessageType type() {
            return MessageType.CHECKPOINT;
        }

        @Override
        public long senderId() {
            return sender;
        }

        @Override
        public Checkpoint withSignature(byte[] newSignature) {
            return new Checkpoint(sender, sequence, stateDigest, newSignature);
        }
    }

    /** A prepared certificate: a pre-prepare and 2f matching prepares from distinct backups (the paper's P_m). */
    record PreparedCertificate(PrePrepare prePrepare, List<Prepare> prepares) {
        /** Copies the list so a certificate cannot change after it is included in a signed message. */
        public PreparedCertificate {
            prepares = List.copyOf(prepares);
        }
    }

    /**
     * VIEW-CHANGE(v+1, n, C, P, i): replica i moves to {@code newView}; n is its stable checkpoint, C the 2f+1
     * checkpoint messages proving it (empty for n = 0), P its prepared certificates above n.
     */
    record ViewChange(int sender, long newView, long stableSequence, List<Checkpoint> checkpointProof,
                      List<PreparedCertificate> preparedCertificates, byte[] signature) implements PbftMessage {
        /** Copies the lists so the message cannot change after it is signed. */
        public ViewChange {
            checkpointProof = List.copyOf(checkpointProof);
            preparedCertificates = List.copyOf(preparedCertificates);
        }

        @Override
        public MessageType type() {
            return MessageType.VIEW_CHANGE;
        }

        @Override
        public long senderId() {
            return sender;
        }

        @Override
        public ViewChange withSignature(byte[] newSignature) {
            return new ViewChange(sender, newView, stableSequence, checkpointProof, preparedCertificates, newSignature);
        }
    }

    /** NEW-VIEW(v, V, O): the new primary's 2f+1 view changes V and the pre-prepares O it computed from them. */
    record NewView(int sender, long view, List<ViewChange> viewChanges, List<PrePrepare> prePrepares,
                   byte[] signature) implements PbftMessage {
        /** Copies the lists so the message cannot change after it is signed. */
        public NewView {
            viewChanges = List.copyOf(viewChanges);
            prePrepares = List.copyOf(prePrepares);
        }

        @Override
        public MessageType type() {
            return MessageType.NEW_VIEW;
        }

        @Override
        public long senderId() {
            return sender;
        }

        @Override
        public NewView withSignature(byte[] newSignature) {
            return new NewView(sender, view, viewChanges, prePrepares, newSignature);
        }
    }

    /** FETCH-STATE(n, i): replica i asks for the state at stable checkpoint n. */
    record FetchState(int sender, long sequence, byte[] signature) implements PbftMessage {
        @Override
        public MessageType type() {
            return MessageType.FETCH_STATE;
        }

        @Override
        public long senderId() {
            return sender;
        }

        @Override
        public FetchState withSignature(byte[] newSignature) {
            return new FetchState(sender, sequence, newSignature);
        }
    }

    /**
     * STATE(n, r, s, i): the state at checkpoint n, as the replica's own bookkeeping r (per-client last
     * timestamps) and the application snapshot s; the receiver checks SHA-256(r, s) against the certificate.
     */
    record State(int sender, long sequence, byte[] replicaState, byte[] applicationSnapshot, byte[] signature)
            implements PbftMessage {
        @Override
        public MessageType type() {
            return MessageType.STATE;
        }

        @Override
        public long senderId() {
            return sender;
        }

        @Override
        public State withSignature(byte[] newSignature) {
            return new State(sender, sequence, replicaState, applicationSnapshot, newSignature);
        }
    }
}
