package io.novacron.consensus.pbft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.novacron.consensus.pbft.PbftMessage.Commit;
import io.novacron.consensus.pbft.PbftMessage.Prepare;

class PbftNormalCaseTest {

    private static final PbftConfig CONFIG = PbftConfig.defaultsFor(4);

    @Test
    void castroLiskov42_requestCommitsWith2fPlus1CommitsAndClientGetsResult() {
        TestNetwork net = new TestNetwork(CONFIG);
        net.submit(100, "put a=1");
        net.runUntilClientsDone(50);

        assertEquals(1, net.results.get(100L).size());
        assertArrayEquals("ok:put a=1:1".getBytes(StandardCharsets.UTF_8), net.results.get(100L).get(0).result());
        for (int i = 0; i < 4; i++) {
            assertEquals(1, net.replicas[i].status().lastExecutedSeq(), "replica " + i);
            CommittedBatch batch = net.committed.get(i).get(0);
            assertEquals(1, batch.sequence());
            assertEquals(3, batch.certificate().signatures().size(), "certificate holds 2f+1 commit signatures");
        }
        net.assertAgreement("normal case");
    }

    @Test
    void castroLiskov42_noCommitWithoutQuorumOfCommits() {
        TestNetwork net = new TestNetwork(CONFIG);
        // Only replicas 0 and 1 may send COMMITs: 2 < 2f+1, so nobody commits.
        net.drop = e -> e.message() instanceof Commit && e.from() >= 2;
        net.submit(100, "x");
        net.deliverAll();
        for (int i = 0; i < 4; i++) {
            assertEquals(0, net.replicas[i].status().lastExecutedSeq(), "replica " + i);
        }
    }

    @Test
    void castroLiskov42_batchesRequestsIntoOnePrePrepare() {
        TestNetwork net = new TestNetwork(CONFIG); // batchSizeMax 8
        for (long client = 1; client <= 8; client++) {
            net.client(client).submit(("op" + client).getBytes(StandardCharsets.UTF_8));
        }
        net.runUntilClientsDone(50);
        List<CommittedBatch> batches = net.committed.get(2);
        assertEquals(1, batches.size(), "eight requests, one pre-prepare");
        assertEquals(8, batches.get(0).requests().size());
    }

    @Test
    void castroLiskov42_partialBatchProposedAfterWaitTicks() {
        PbftConfig config = new PbftConfig(4, 4, 8, 8, 3, 20, 320, 30);
        TestNetwork net = new TestNetwork(config);
        net.submit(1, "a");
        net.deliverAll();
        assertEquals(0, net.replicas[0].status().lastExecutedSeq(), "waits for more requests");
        net.tick(3);
        assertEquals(1, net.replicas[0].status().lastExecutedSeq(), "flushed after batchWaitTicks");
    }

    @Test
    void castroLiskov41_duplicateRequestNotReExecutedAndLastReplyResent() {
        TestNetwork net = new TestNetwork(CONFIG);
        PbftClient client = net.client(7);
        net.submit(7, "inc");
        net.runUntilClientsDone(50);
        ClientRequest replay = ClientRequest.signed(7, 1, "inc".getBytes(StandardCharsets.UTF_8), net.clientSigner(7));
        ClientRequest older = ClientRequest.signed(7, 0, "inc".getBytes(StandardCharsets.UTF_8), net.clientSigner(7));
        for (int i = 0; i < 4; i++) {
            net.inject(-8, Destination.replica(i), replay);
            net.inject(-8, Destination.replica(i), older);
        }
        net.tick(5);
        for (int i = 0; i < 4; i++) {
            assertEquals(1, net.applications[i].count(), "replica " + i + " executed the request once");
        }
        assertEquals(0, client.outstandingCount());
    }

    @Test
    void castroLiskov41_replayedRequestGetsTheCachedReplyAgain() {
        TestNetwork net = new TestNetwork(CONFIG);
        net.submit(7, "inc");
        net.runUntilClientsDone(50);
        PbftReplica replica = net.replicas[2];
        replica.submit(ClientRequest.signed(7, 1, "inc".getBytes(StandardCharsets.UTF_8), net.clientSigner(7)));
        Ready ready = replica.ready();
        assertEquals(1, ready.replies().size(), "the last reply is resent");
        assertEquals(Destination.client(7), ready.replies().get(0).to());
        assertTrue(ready.committed().isEmpty() && ready.messages().isEmpty(), "nothing is proposed or executed");
        replica.advance(ready);
    }

    @Test
    void clientSignatureVerifiedAtMostOncePerReplica() {
        FakeKeys clientKeys = new FakeKeys("client");
        java.util.concurrent.atomic.AtomicInteger verifications = new java.util.concurrent.atomic.AtomicInteger();
        io.novacron.crypto.SignatureVerifier counting = (signer, message, signature) -> {
            verifications.incrementAndGet();
            return clientKeys.verify(signer, message, signature);
        };
        FakeKeys replicaKeys = new FakeKeys("replica");
        PbftReplica backup = new PbftReplica(1, CONFIG, replicaKeys.signer(1), replicaKeys, counting,
                new java.util.SplittableRandom(1));
        ClientRequest request = ClientRequest.signed(3, 1, "op".getBytes(StandardCharsets.UTF_8),
                clientKeys.signer(3));
        backup.submit(request); // directly from the client
        PbftMessage.PrePrepare pp = new PbftMessage.PrePrepare(0, 0, 1, PbftMessage.PrePrepare.digestOf(List.of(request)),
                List.of(request), new byte[0]);
        backup.step(pp.withSignature(replicaKeys.signer(0).sign(PbftMessageCodec.signedBytes(pp))));
        backup.submit(request); // and again, retransmitted
        assertEquals(1, verifications.get());
        assertEquals(1, backup.status().retainedLogSlots(), "the pre-prepare was accepted");
    }

    @Test
    void castroLiskov42_forgedSignatureIgnoredAndCountedPerSender() {
        TestNetwork net = new TestNetwork(CONFIG);
        net.submit(1, "a");
        net.runUntilClientsDone(50);
        PbftReplica target = net.replicas[1];
        long before = target.status().otherDroppedMessages();
        // Replica 3 forges a prepare in replica 2's name (signed with 3's key).
        Prepare forged = new Prepare(2, 0, 2, new byte[32], new byte[0]);
        forged = forged.withSignature(net.replicaSigners.get(3).sign(PbftMessageCodec.signedBytes(forged)));
        target.step(forged);
        // An unsigned commit.
        target.step(new Commit(3, 0, 2, new byte[32], new byte[0]));
        assertEquals(1L, target.status().invalidSignaturesBySender().get(2L));
        assertEquals(1L, target.status().invalidSignaturesBySender().get(3L));
        assertEquals(before, target.status().otherDroppedMessages());
        assertEquals(1, target.status().lastExecutedSeq());
    }

    @Test
    void castroLiskov42_replayedMessagesChangeNothing() {
        TestNetwork net = new TestNetwork(CONFIG);
        List<PbftMessage> seen = new java.util.ArrayList<>();
        net.drop = e -> {
            if (e.from() == 0 || e.from() == 1) {
                seen.add(e.message());
            }
            return false;
        };
        net.submit(1, "a");
        net.runUntilClientsDone(50);
        for (PbftMessage old : seen) {
            if (old.type() != MessageType.REQUEST) {
                net.replicas[3].step(old);
            }
        }
        assertTrue(!net.replicas[3].hasReady() || net.replicas[3].ready().committed().isEmpty(),
                "no batch executes twice");
        assertEquals(1, net.replicas[3].status().lastExecutedSeq());
    }

    @Test
    void castroLiskov41_unsignedClientRequestDropped() {
        TestNetwork net = new TestNetwork(CONFIG);
        net.replicas[0].submit(new ClientRequest(5, 1, new byte[] {1}, new byte[64]));
        net.tick(5);
        assertEquals(0, net.replicas[0].status().lastExecutedSeq());
        assertEquals(1, net.replicas[0].status().invalidClientSignatures());
    }

    @Test
    void castroLiskov42_retransmissionHelpDoesNotBounceBetweenCommittedReplicas() {
        TestNetwork net = new TestNetwork(PbftCheckpointTest.ONE_PER_BATCH);
        net.drop = e -> e.message() instanceof Commit; // everyone prepares, nobody commits: all retransmit later
        net.submit(1, "first");
        net.deliverAll();
        net.drop = e -> false;
        net.submit(2, "second");
        net.runUntilClientsDone(300);
        // Answering duplicate commits with commits once let two committed replicas echo each other until the
        // delivery bound (a million messages here).
        assertTrue(net.delivered < 1_000, "delivered " + net.delivered + " messages for two requests");
        net.assertAgreement("retransmission");
    }
}
