package io.novacron.consensus.pbft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.novacron.consensus.pbft.PbftMessage.NewView;
import io.novacron.consensus.pbft.PbftMessage.PrePrepare;
import io.novacron.consensus.pbft.PbftMessage.Prepare;
import io.novacron.consensus.pbft.PbftMessage.PreparedCertificate;
import io.novacron.consensus.pbft.PbftMessage.ViewChange;
import io.novacron.crypto.Signer;

/** Castro–Liskov §4.4: a backup accepts NEW-VIEW only with 2f+1 valid VIEW-CHANGEs (V) and the right O. */
class PbftNewViewValidationTest {

    private static final PbftConfig CONFIG = PbftConfig.defaultsFor(4);
    private final FakeKeys replicaKeys = new FakeKeys("replica");
    private final FakeKeys clientKeys = new FakeKeys("client");
    private final ClientRequest request = ClientRequest.signed(9, 1, "x".getBytes(StandardCharsets.UTF_8),
            clientKeys.signer(9));

    private <T extends PbftMessage> T signed(int replica, T message) {
        @SuppressWarnings("unchecked")
        T out = (T) message.withSignature(replicaKeys.signer(replica).sign(PbftMessageCodec.signedBytes(message)));
        return out;
    }

    private ViewChange viewChange(int replica, long newView, List<PreparedCertificate> prepared) {
        return signed(replica, new ViewChange(replica, newView, 0, List.of(), prepared, new byte[0]));
    }

    /** Seq 1 prepared in view 0: the primary's pre-prepare and prepares from backups 1 and 2. */
    private PreparedCertificate preparedAtOne() {
        PrePrepare pp = signed(0, new PrePrepare(0, 0, 1, PrePrepare.digestOf(List.of(request)), List.of(request),
                new byte[0]));
        List<Prepare> prepares = List.of(signed(1, new Prepare(1, 0, 1, pp.batchDigest(), new byte[0])),
                signed(2, new Prepare(2, 0, 1, pp.batchDigest(), new byte[0])));
        return new PreparedCertificate(pp, prepares);
    }

    private NewView newView(int primary, List<ViewChange> viewChanges, List<PrePrepare> o) {
        List<PrePrepare> signedO = new ArrayList<>();
        for (PrePrepare pp : o) {
            signedO.add(signed(primary, pp));
        }
        return signed(primary, new NewView(primary, 1, viewChanges, signedO, new byte[0]));
    }

    private PrePrepare reProposed(List<ClientRequest> batch) {
        return new PrePrepare(1, 1, 1, PrePrepare.digestOf(batch), batch, new byte[0]);
    }

    private PbftReplica freshReplica3() {
        return new PbftReplica(3, CONFIG, replicaKeys.signer(3), replicaKeys, clientKeys,
                new java.util.SplittableRandom(1));
    }

    private void assertRejected(NewView newView, long blamed) {
        PbftReplica replica = freshReplica3();
        replica.step(newView);
        assertEquals(0, replica.status().view(), "stays in view 0");
        assertEquals(1L, replica.status().invalidSignaturesBySender().get(blamed), "blames replica " + blamed);
    }

    @Test
    void validNewViewWithPreparedCertificateIsAccepted() {
        List<ViewChange> v = List.of(viewChange(0, 1, List.of()), viewChange(1, 1, List.of(preparedAtOne())),
                viewChange(2, 1, List.of()));
        PbftReplica replica = freshReplica3();
        replica.step(newView(1, v, List.of(reProposed(List.of(request)))));
        assertEquals(1, replica.status().view());
        assertFalse(replica.status().viewChangeInProgress());
        assertEquals(1, replica.status().retainedLogSlots(), "accepted O's pre-prepare for seq 1");
    }

    @Test
    void incompleteViewChangeSetRejected() {
        List<ViewChange> v = List.of(viewChange(1, 1, List.of()), viewChange(2, 1, List.of()));
        assertRejected(newView(1, v, List.of()), 1);
    }

    @Test
    void forgedViewChangeInsideNewViewRejected() {
        ViewChange forged = new ViewChange(2, 1, 0, List.of(), List.of(), new byte[0]);
        forged = forged.withSignature(replicaKeys.signer(1).sign(PbftMessageCodec.signedBytes(forged)));
        List<ViewChange> v = List.of(viewChange(0, 1, List.of()), viewChange(1, 1, List.of()), forged);
        assertRejected(newView(1, v, List.of()), 1);
    }

    @Test
    void duplicateSenderInViewChangeSetRejected() {
        List<ViewChange> v = List.of(viewChange(1, 1, List.of()), viewChange(1, 1, List.of()),
                viewChange(2, 1, List.of()));
        assertRejected(newView(1, v, List.of()), 1);
    }

    @Test
    void viewChangeWithIncompletePreparedCertificateRejected() {
        PreparedCertificate full = preparedAtOne();
        PreparedCertificate halfProof = new PreparedCertificate(full.prePrepare(), full.prepares().subList(0, 1));
        List<ViewChange> v = List.of(viewChange(0, 1, List.of()), viewChange(1, 1, List.of(halfProof)),
                viewChange(2, 1, List.of()));
        assertRejected(newView(1, v, List.of(reProposed(List.of(request)))), 1);
    }

    @Test
    void wrongPrePreparesRejected() {
        List<ViewChange> v = List.of(viewChange(0, 1, List.of()), viewChange(1, 1, List.of(preparedAtOne())),
                viewChange(2, 1, List.of()));
        // O drops the prepared batch in favour of a null request: exactly what a faulty new primary must not do.
        assertRejected(newView(1, v, List.of(reProposed(List.of()))), 1);
        // O invents a batch where nothing prepared.
        List<ViewChange> empty = List.of(viewChange(0, 1, List.of()), viewChange(1, 1, List.of()),
                viewChange(2, 1, List.of()));
        assertRejected(newView(1, empty, List.of(reProposed(List.of(request)))), 1);
    }

    @Test
    void newViewFromNonPrimaryRejected() {
        List<ViewChange> v = List.of(viewChange(0, 1, List.of()), viewChange(1, 1, List.of()),
                viewChange(2, 1, List.of()));
        NewView fromTwo = signed(2, new NewView(2, 1, v, List.of(), new byte[0]));
        assertRejected(fromTwo, 2);
    }

    @Test
    void viewChangeForAnotherViewRejected() {
        List<ViewChange> v = List.of(viewChange(0, 1, List.of()), viewChange(1, 1, List.of()),
                viewChange(2, 5, List.of()));
        assertRejected(newView(1, v, List.of()), 1);
    }

    @Test
    void signerIsUsedThroughTheInterfaceOnly() {
        Signer broken = new Signer() {
            @Override
            public byte[] sign(byte[] message) {
                return new byte[32];
            }

            @Override
            public io.novacron.crypto.SignatureScheme scheme() {
                return io.novacron.crypto.SignatureScheme.ED25519;
            }
        };
        // A replica with a broken signer produces messages everyone else drops: nothing it says changes state.
        TestNetwork net = new TestNetwork(CONFIG, replicaKeys, clientKeys,
                java.util.Map.of(0, broken, 1, replicaKeys.signer(1), 2, replicaKeys.signer(2), 3,
                        replicaKeys.signer(3)), 1);
        net.submit(1, "a");
        net.runUntilClientsDone(300);
        assertEquals(1, net.replicas[1].status().view(), "the silent primary was replaced");
        assertEquals(1, net.applications[1].count());
    }
}
