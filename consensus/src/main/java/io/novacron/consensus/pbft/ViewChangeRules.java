package io.novacron.consensus.pbft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import io.novacron.consensus.pbft.PbftMessage.Checkpoint;
import io.novacron.consensus.pbft.PbftMessage.NewView;
import io.novacron.consensus.pbft.PbftMessage.PrePrepare;
import io.novacron.consensus.pbft.PbftMessage.Prepare;
import io.novacron.consensus.pbft.PbftMessage.PreparedCertificate;
import io.novacron.consensus.pbft.PbftMessage.ViewChange;
import io.novacron.crypto.SignatureVerifier;

/**
 * The proof-checking rules of §4.3 and §4.4: checkpoint certificates, prepared certificates, VIEW-CHANGE and
 * NEW-VIEW validity, and the deterministic computation of a NEW-VIEW's pre-prepares O from its view changes V.
 * <p>
 * Apart from the replica so the new primary and every backup run literally the same O computation (backups accept a
 * NEW-VIEW only if recomputing O gives the same batches), and so these rules can be tested on their own.
 */
final class ViewChangeRules {

    private final PbftConfig config;
    private final SignatureVerifier replicaVerifier;

    ViewChangeRules(PbftConfig config, SignatureVerifier replicaVerifier) {
        this.config = config;
        this.replicaVerifier = replicaVerifier;
    }

    boolean signedByReplica(PbftMessage message) {
        long sender = message.senderId();
        return sender >= 0 && sender < config.replicaCount()
                && replicaVerifier.verify(sender, PbftMessageCodec.signedBytes(message), message.signature());
    }

    /**
     * Returns the certified digest if {@code proof} holds 2f+1 validly signed CHECKPOINTs from distinct replicas
     * for {@code sequence} with one digest; an empty array for the genesis checkpoint 0 with an empty proof; else
     * null.
     */
    byte[] certifiedDigest(long sequence, List<Checkpoint> proof) {
        if (sequence == 0 && proof.isEmpty()) {
            return new byte[0];
        }
        if (sequence <= 0 || proof.isEmpty()) {
            return null;
        }
        byte[] digest = proof.get(0).stateDigest();
        Set<Integer> senders = new HashSet<>();
        for (Checkpoint checkpoint : proof) {
            if (checkpoint.sequence() != sequence || !Arrays.equals(digest, checkpoint.stateDigest())
                    || !senders.add(checkpoint.sender()) || !signedByReplica(checkpoint)) {
                return null;
            }
        }
        return senders.size() >= config.quorum() ? digest : null;
    }

    /** True if the certificate is a primary-signed pre-prepare plus 2f matching, signed prepares by backups. */
    boolean validPrepared(PreparedCertificate certificate, long beforeView, long stableSequence) {
        PrePrepare pp = certificate.prePrepare();
        if (pp.view() >= beforeView || pp.sender() != config.primaryOf(pp.view())
                || pp.sequence() <= stableSequence || pp.sequence() > stableSequence + config.watermarkWindowSeqs()
                || !Arrays.equals(pp.batchDigest(), PrePrepare.digestOf(pp.requests())) || !signedByReplica(pp)) {
            return false;
        }
        Set<Integer> backups = new HashSet<>();
        for (Prepare prepare : certificate.prepares()) {
            if (prepare.view() != pp.view() || prepare.sequence() != pp.sequence()
                    || !Arrays.equals(prepare.batchDigest(), pp.batchDigest()) || prepare.sender() == pp.sender()
                    || !backups.add(prepare.sender()) || !signedByReplica(prepare)) {
                return false;
            }
        }
        return backups.size() >= 2 * config.faultsTolerated();
    }

    /** True if the VIEW-CHANGE is signed and its C and P sets are valid proofs (at most one P per sequence). */
    boolean validViewChange(ViewChange viewChange) {
        if (!signedByReplica(viewChange)
                || certifiedDigest(viewChange.stableSequence(), viewChange.checkpointProof()) == null) {
            return false;
        }
        Set<Long> sequences = new HashSet<>();
        for (PreparedCertificate certificate : viewChange.preparedCertificates()) {
            if (!sequences.add(certificate.prePrepare().sequence())
                    || !validPrepared(certificate, viewChange.newView(), viewChange.stableSequence())) {
                return false;
            }
        }
        return true;
    }

    /** The view change in V with the highest stable checkpoint (min-s in the paper): O starts after it. */
    static ViewChange highestCheckpoint(List<ViewChange> viewChanges) {
        ViewChange best = viewChanges.get(0);
        for (ViewChange viewChange : viewChanges) {
            if (viewChange.stableSequence() > best.stableSequence()) {
                best = viewChange;
            }
        }
        return best;
    }

    /**
     * Computes O (§4.4): for every sequence between min-s (highest stable checkpoint in V) and max-s (highest
     * prepared sequence in V), a pre-prepare in {@code view} for the batch prepared in the highest view, or a null
     * request (empty batch) if none prepared. Unsigned; the primary signs them.
     */
    static List<PrePrepare> computePrePrepares(PbftConfig config, long view, List<ViewChange> viewChanges) {
        long minS = highestCheckpoint(viewChanges).stableSequence();
        TreeMap<Long, PrePrepare> highestBySequence = new TreeMap<>();
        for (ViewChange viewChange : viewChanges) {
            for (PreparedCertificate certificate : viewChange.preparedCertificates()) {
                PrePrepare pp = certificate.prePrepare();
                PrePrepare current = highestBySequence.get(pp.sequence());
                if (pp.sequence() > minS && (current == null || pp.view() > current.view())) {
                    highestBySequence.put(pp.sequence(), pp);
                }
            }
        }
        long maxS = highestBySequence.isEmpty() ? minS : highestBySequence.lastKey();
        int primary = config.primaryOf(view);
        List<PrePrepare> out = new ArrayList<>();
        for (long sequence = minS + 1; sequence <= maxS; sequence++) {
            PrePrepare prepared = highestBySequence.get(sequence);
            List<ClientRequest> batch = prepared == null ? List.of() : prepared.requests();
            out.add(new PrePrepare(primary, view, sequence, PrePrepare.digestOf(batch), batch, new byte[0]));
        }
        return out;
    }

    /**
     * True if the NEW-VIEW comes from the view's primary, carries 2f+1 valid VIEW-CHANGEs for that view from
     * distinct replicas, and its O is exactly what {@link #computePrePrepares} gives, each one signed by the primary.
     */
    boolean validNewView(NewView newView) {
        if (newView.sender() != config.primaryOf(newView.view()) || !signedByReplica(newView)
                || newView.viewChanges().size() < config.quorum()) {
            return false;
        }
        Set<Integer> senders = new HashSet<>();
        for (ViewChange viewChange : newView.viewChanges()) {
            if (viewChange.newView() != newView.view() || !senders.add(viewChange.sender())
                    || !validViewChange(viewChange)) {
                return false;
            }
        }
        List<PrePrepare> expected = computePrePrepares(config, newView.view(), newView.viewChanges());
        List<PrePrepare> actual = newView.prePrepares();
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            PrePrepare want = expected.get(i);
            PrePrepare got = actual.get(i);
            if (got.sender() != want.sender() || got.view() != want.view() || got.sequence() != want.sequence()
                    || !Arrays.equals(got.batchDigest(), want.batchDigest())
                    || !Arrays.equals(got.batchDigest(), PrePrepare.digestOf(got.requests())) || !signedByReplica(got)) {
                return false;
            }
        }
        return true;
    }
}
