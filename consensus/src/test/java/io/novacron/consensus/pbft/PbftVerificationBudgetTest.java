package io.novacron.consensus.pbft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.novacron.crypto.SignatureVerifier;
import io.novacron.crypto.Signer;

/**
 * Castro–Liskov §4.2: a replica needs 2f matching prepares and 2f+1 matching commits; votes that arrive after the
 * certificate cannot change state, so their signatures are not checked — unless the sender repeats its vote, which
 * marks a stuck replica that must be answered.
 */
class PbftVerificationBudgetTest {

    private final FakeKeys replicaKeys = new FakeKeys("replica");
    private final AtomicLong replicaVerifications = new AtomicLong();
    private final SignatureVerifier countingVerifier = (signer, message, signature) -> {
        replicaVerifications.incrementAndGet();
        return replicaKeys.verify(signer, message, signature);
    };

    private TestNetwork network() {
        Map<Integer, Signer> signers = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            signers.put(i, replicaKeys.signer(i));
        }
        return new TestNetwork(PbftConfig.defaultsFor(4), countingVerifier, new FakeKeys("client"), signers, 7);
    }

    @Test
    void votesAfterTheCertificateAreNotVerified() {
        TestNetwork net = network();
        net.submit(1, "op");
        net.deliverAll();
        net.tick(2);
        net.deliverAll();
        for (PbftStatus status : net.statuses()) {
            assertEquals(1, status.lastExecutedSeq(), "replica " + status.replicaId() + " executed the batch");
        }
        // Checking every vote would take 3 pre-prepare + 3+6 prepare + 12 commit checks = 24; the certificates need
        // 3 + (2+3) + 8 = 16. The client checks f+1 = 2 replies with the same verifier.
        assertEquals(16 + 2, replicaVerifications.get(), "signature checks by the replicas and the client");
        assertTrue(net.statuses().stream().allMatch(s -> s.invalidSignaturesBySender().isEmpty()));
    }

    @Test
    void aRepeatedLateVoteIsCheckedAndAnsweredAndAForgedRepeatIsCounted() {
        TestNetwork net = network();
        net.drop = e -> e.from() == 0 && e.message().type() == MessageType.COMMIT;
        net.submit(1, "op");
        net.deliverAll();
        net.tick(2);
        net.deliverAll();
        assertEquals(1, net.statuses().get(1).lastExecutedSeq(), "1, 2 and 3 commit without the primary's commit");
        List<TestNetwork.Envelope> toPrimary = new ArrayList<>();
        net.drop = e -> e.to().equals(Destination.replica(0)) && toPrimary.add(e);

        byte[] digest = net.committed.get(1).get(0).batchDigest();
        PbftMessage.Commit unsigned = new PbftMessage.Commit(0, 0, 1, digest, new byte[0]);
        PbftMessage genuine = unsigned.withSignature(replicaKeys.signer(0).sign(PbftMessageCodec.signedBytes(unsigned)));
        long before = replicaVerifications.get();
        net.inject(0, Destination.replica(1), genuine);
        net.deliverAll();
        assertEquals(before, replicaVerifications.get(), "a late vote is dropped unchecked");
        assertTrue(toPrimary.isEmpty());
        net.inject(0, Destination.replica(1), genuine);
        net.deliverAll();
        assertEquals(before + 1, replicaVerifications.get(), "its repetition is checked");
        assertTrue(toPrimary.stream().anyMatch(e -> e.from() == 1 && e.message().type() == MessageType.COMMIT),
                "and answered with replica 1's own commit, since the primary is evidently stuck");

        PbftMessage forged = unsigned.withSignature(replicaKeys.signer(2).sign(PbftMessageCodec.signedBytes(unsigned)));
        toPrimary.clear();
        net.inject(0, Destination.replica(1), forged);
        net.deliverAll();
        assertEquals(1L, net.statuses().get(1).invalidSignaturesBySender().get(0L), "a forged repeat is caught");
        assertTrue(toPrimary.isEmpty(), "and never answered");
    }
}
