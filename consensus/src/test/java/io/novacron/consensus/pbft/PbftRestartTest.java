package io.novacron.consensus.pbft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.novacron.consensus.log.LogConfig;
import io.novacron.consensus.log.SegmentedFileLog;
import io.novacron.consensus.pbft.PbftMessage.Commit;
import io.novacron.consensus.pbft.PbftMessage.NewView;
import io.novacron.consensus.pbft.PbftMessage.PrePrepare;
import io.novacron.consensus.pbft.PbftMessage.Prepare;

/**
 * Restarting a replica from its journal (Castro and Liskov, TOCS'02): it keeps the votes it cast in its view
 * (§4.2), the stable checkpoint and the garbage collection below it (§4.3), and its view, also in the middle of a
 * view change (§4.4); and the group goes on committing with it.
 */
class PbftRestartTest {

    /** K = 4, L = 8, one request per batch, proposed at once: sequence numbers equal request counts. */
    private static final PbftConfig ONE_PER_BATCH = PbftCheckpointTest.ONE_PER_BATCH;

    @TempDir
    Path dir;

    @Test
    void castroLiskov42_backupRestartedInTheMiddleOfASlotDoesNotPrepareAConflictingBatch() {
        TestNetwork net = new TestNetwork(ONE_PER_BATCH).journaled();
        net.drop = e -> e.message() instanceof Commit; // seq 1 prepares everywhere and stays uncommitted
        net.submit(1, "first");
        net.deliverAll();
        assertEquals(0, net.replicas[1].status().lastExecutedSeq());
        byte[] accepted = ((PrePrepare) net.journals[1].recovered().messages().get(0)).batchDigest();

        PbftReplica restarted = net.restart(1);
        List<PbftMessage> sentBy1 = new ArrayList<>();
        net.drop = e -> {
            if (e.from() == 1) {
                sentBy1.add(e.message());
            }
            return e.message() instanceof Commit;
        };
        // Primary 0 equivocates: a second, validly signed batch for (view 0, seq 1), sent to the restarted backup.
        PrePrepare conflicting = conflictingPrePrepare(net);
        net.inject(0, Destination.replica(1), conflicting);
        net.deliverAll();
        net.tick(ONE_PER_BATCH.requestTimeoutTicks() / 4); // one retransmission round

        assertTrue(sentBy1.stream().noneMatch(m -> m instanceof Prepare p
                && Arrays.equals(p.batchDigest(), conflicting.batchDigest())), "no prepare for the second batch");
        assertTrue(sentBy1.stream().anyMatch(m -> m instanceof Prepare p && p.sequence() == 1
                && Arrays.equals(p.batchDigest(), accepted)), "it retransmits the prepare it had sent");
        assertEquals(0, restarted.status().view());

        // Control: a replica that forgot its log (restored from genesis) would prepare the second batch.
        PbftReplica amnesiac = PbftReplica.restore(1, ONE_PER_BATCH, net.replicaSigners.get(1), net.replicaVerifier,
                net.clientVerifier, new SplittableRandom(1), PbftRecoveredState.genesis());
        amnesiac.step(conflicting);
        assertTrue(amnesiac.ready().messages().stream().anyMatch(o -> o.message() instanceof Prepare p
                && Arrays.equals(p.batchDigest(), conflicting.batchDigest())), "the control equivocates");

        net.drop = e -> false;
        net.runUntilClientsDone(300);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(accepted, net.executedDigests.get(i).get(1L), "replica " + i + " executed the first");
        }
        net.assertAgreement("backup restart mid-slot");
    }

    @Test
    void castroLiskov42_primaryRestartedAfterAssigningASequenceNumberNeverReusesIt() {
        TestNetwork net = new TestNetwork(ONE_PER_BATCH).journaled();
        net.drop = e -> e.message() instanceof Commit;
        net.submit(1, "first");
        net.deliverAll();

        net.restart(0);
        List<PrePrepare> proposed = new ArrayList<>();
        net.drop = e -> {
            if (e.message() instanceof PrePrepare pp && e.from() == 0) {
                proposed.add(pp);
            }
            return false;
        };
        net.submit(2, "second");
        net.runUntilClientsDone(300);

        assertTrue(proposed.stream().anyMatch(pp -> pp.sequence() == 2), "the next request gets sequence 2");
        assertTrue(proposed.stream().filter(pp -> pp.sequence() == 1).allMatch(pp -> pp.requests().size() == 1
                && new String(pp.requests().get(0).operation(), StandardCharsets.UTF_8).equals("first")),
                "sequence 1 keeps its batch: " + proposed);
        for (int i = 0; i < 4; i++) {
            assertEquals(2, net.applications[i].count(), "replica " + i);
        }
        net.assertAgreement("primary restart");
    }

    @Test
    void castroLiskov43_restartAfterStableCheckpointAndGarbageCollection() {
        TestNetwork net = new TestNetwork(ONE_PER_BATCH).journaled();
        PbftCheckpointTest.runRequests(net, 1, 9); // checkpoint 8 stable everywhere
        assertEquals(8, net.journals[2].stableSequence());
        assertTrue(net.logs[2].firstIndex() > 1, "the journal dropped the records below the checkpoint");
        for (PbftMessage message : net.journals[2].recovered().messages()) {
            assertTrue(JournalContents.sequenceOf(message) > 8, message.type() + " above h only");
        }

        PbftReplica restarted = net.restart(2);
        // First Ready: the state at 8 to reload, then batch 9 re-executed on top of it (the restart contract).
        assertEquals(9, restarted.status().lastExecutedSeq());
        assertEquals(8, restarted.status().lowWatermarkSeq());
        assertEquals(9, net.applications[2].count());
        net.assertSameApplicationState(0, 2);

        PbftCheckpointTest.runRequests(net, 1, 4); // 10..13: checkpoint 12 becomes stable with the restarted replica
        assertEquals(12, net.replicas[2].status().lowWatermarkSeq());
        assertEquals(13, net.replicas[2].status().lastExecutedSeq());
        net.assertSameApplicationState(0, 2);
        net.assertAgreement("restart after checkpoint");
    }

    @Test
    void castroLiskov43_restartFromSegmentedFileLogAfterClose() throws IOException {
        LogConfig small = LogConfig.defaults().withSegmentSizeBytes(1024);
        TestNetwork net = new TestNetwork(ONE_PER_BATCH).journaled(i -> i == 3 ? open(small) : new io.novacron
                .consensus.log.MemoryLogStore());
        PbftCheckpointTest.runRequests(net, 1, 6);
        PbftRecoveredState before = net.journals[3].recovered();
        assertEquals(4, before.stableSequence());
        net.crashed.add(3);
        net.logs[3].close();

        SegmentedFileLog reopened = SegmentedFileLog.open(dir, small);
        PbftJournalTest.assertSameState(before, PbftJournal.open(reopened).recovered());
        net.restartFrom(3, reopened);
        net.assertSameApplicationState(0, 3);
        PbftCheckpointTest.runRequests(net, 1, 3);
        assertEquals(9, net.replicas[3].status().lastExecutedSeq());
        net.assertSameApplicationState(0, 3);
        net.assertAgreement("file log restart");
        reopened.close();
    }

    @Test
    void castroLiskov44_restartedBackupRejoinsAndCarriesTheGroupPastAPrimaryCrash() {
        TestNetwork net = new TestNetwork(ONE_PER_BATCH).journaled();
        PbftCheckpointTest.runRequests(net, 1, 3);
        net.crashed.add(3);
        PbftCheckpointTest.runRequests(net, 1, 6); // 4..9 without replica 3; checkpoint 8 stable at 0, 1, 2
        net.restart(3);
        assertEquals(3, net.replicas[3].status().lastExecutedSeq(), "re-executed what it had committed");

        net.crashed.add(0); // f = 1 crashed for good: 1, 2 and the restarted 3 are the only quorum left
        PbftCheckpointTest.runRequests(net, 1, 5);
        for (int i = 1; i < 4; i++) {
            PbftStatus status = net.replicas[i].status();
            assertTrue(status.view() >= 1, "replica " + i + " moved past the crashed primary");
            assertEquals(14, status.lastExecutedSeq(), "replica " + i);
        }
        net.assertSameApplicationState(1, 3);
        net.assertAgreement("rejoin");
    }

    @Test
    void castroLiskov44_restartDuringAViewChangeKeepsTheNewView() {
        TestNetwork net = new TestNetwork(ONE_PER_BATCH).journaled();
        PbftCheckpointTest.runRequests(net, 1, 2);
        net.crashed.add(0);
        net.drop = e -> e.message() instanceof NewView; // the view change cannot finish yet
        net.submit(1, "during view change");
        // The client retries to every replica after clientRetryTicks; the backups then time out on its request.
        for (int t = 0; t < 200 && !net.replicas[2].status().viewChangeInProgress(); t++) {
            net.tick(1);
        }
        PbftStatus before = net.replicas[2].status();
        assertTrue(before.viewChangeInProgress(), "replica 2 is changing views: " + before);
        assertTrue(before.view() >= 1);

        PbftReplica restarted = net.restart(2);
        assertEquals(before.view(), restarted.status().view(), "never back to an older view");
        assertTrue(restarted.status().viewChangeInProgress());
        assertEquals(2, net.applications[2].count());

        net.drop = e -> false;
        net.runUntilClientsDone(600);
        for (int i = 1; i < 4; i++) {
            assertFalse(net.replicas[i].status().viewChangeInProgress(), "replica " + i);
            assertEquals(3, net.applications[i].count(), "replica " + i);
        }
        net.assertAgreement("restart during view change");
    }

    private SegmentedFileLog open(LogConfig config) {
        try {
            return SegmentedFileLog.open(dir, config);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static PrePrepare conflictingPrePrepare(TestNetwork net) {
        ClientRequest other = ClientRequest.signed(2, 1, "conflict".getBytes(StandardCharsets.UTF_8),
                net.clientSigner(2));
        PrePrepare pp = new PrePrepare(0, 0, 1, PrePrepare.digestOf(List.of(other)), List.of(other), new byte[0]);
        return pp.withSignature(net.replicaSigners.get(0).sign(PbftMessageCodec.signedBytes(pp)));
    }
}
