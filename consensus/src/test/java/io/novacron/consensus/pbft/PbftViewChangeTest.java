package io.novacron.consensus.pbft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.novacron.consensus.pbft.PbftMessage.Commit;
import io.novacron.consensus.pbft.PbftMessage.PrePrepare;

class PbftViewChangeTest {

    private static final PbftConfig CONFIG = PbftConfig.defaultsFor(4);

    @Test
    void castroLiskov44_viewChangeAfterPrimaryCrash() {
        TestNetwork net = new TestNetwork(CONFIG);
        net.crashed.add(0);
        net.submit(1, "after crash");
        net.runUntilClientsDone(300);
        for (int i = 1; i < 4; i++) {
            PbftStatus status = net.replicas[i].status();
            assertEquals(1, status.view(), "replica " + i);
            assertFalse(status.viewChangeInProgress());
            assertEquals(1, net.applications[i].count());
        }
        assertArrayEquals("ok:after crash:1".getBytes(StandardCharsets.UTF_8), net.results.get(1L).get(0).result());
        net.assertAgreement("primary crash");
    }

    @Test
    void castroLiskov44_preparedBatchSurvivesViewChangeAtSameSequence() {
        TestNetwork net = new TestNetwork(CONFIG);
        net.drop = e -> e.message() instanceof Commit; // everyone prepares seq 1, nobody commits it in view 0
        net.submit(1, "prepared");
        net.tick(2);
        assertEquals(0, net.replicas[1].status().lastExecutedSeq());
        net.crashed.add(0);
        // Commits of view 0 stay lost (even retransmitted ones), so only the view change can commit the batch.
        net.drop = e -> e.message() instanceof Commit && ((Commit) e.message()).view() == 0;
        net.runUntilClientsDone(300);
        for (int i = 1; i < 4; i++) {
            CommittedBatch batch = net.committed.get(i).get(0);
            assertEquals(1, batch.sequence(), "re-proposed at the same sequence by NEW-VIEW's O");
            assertEquals(1, batch.view());
            assertEquals(1, batch.requests().size());
            assertEquals(1, net.applications[i].count(), "executed once");
        }
        net.assertAgreement("prepared batch");
    }

    @Test
    void castroLiskov44_viewChangeAfterPrimaryEquivocation() {
        TestNetwork net = new TestNetwork(CONFIG);
        net.byzantine.add(0);
        net.interceptor = envelope -> {
            if (!(envelope.message() instanceof PrePrepare) || envelope.from() != 0) {
                return List.of(envelope);
            }
            // A different batch for each backup at the same (view, sequence).
            PrePrepare pp = (PrePrepare) envelope.message();
            List<TestNetwork.Envelope> out = new ArrayList<>();
            for (int backup = 1; backup < 4; backup++) {
                List<ClientRequest> batch = new ArrayList<>();
                for (int copies = 1; copies < backup; copies++) {
                    batch.addAll(pp.requests());
                }
                PrePrepare variant = new PrePrepare(0, pp.view(), pp.sequence(), PrePrepare.digestOf(batch), batch,
                        new byte[0]);
                variant = variant.withSignature(net.replicaSigners.get(0).sign(PbftMessageCodec.signedBytes(variant)));
                out.add(new TestNetwork.Envelope(0, Destination.replica(backup), variant));
            }
            return out;
        };
        net.submit(1, "equivocated");
        net.runUntilClientsDone(400);
        for (int i = 1; i < 4; i++) {
            assertTrue(net.replicas[i].status().view() >= 1, "replica " + i + " left the equivocating view");
            assertEquals(1, net.applications[i].count(), "replica " + i + " executed the request exactly once");
        }
        net.assertAgreement("equivocation");
    }

    @Test
    void castroLiskov44_viewChangeTimeoutDoublesOnConsecutiveViewChanges() {
        TestNetwork net = new TestNetwork(CONFIG);
        net.crashed.add(0);
        // Every NEW-VIEW is lost: 2f+1 replicas ask for each view, so the timers run (§4.5.2), but none is entered
        // by the others and the view changes keep timing out.
        net.drop = e -> e.message() instanceof PbftMessage.NewView;
        net.submit(1, "stuck");
        List<Integer> changeTicks = new ArrayList<>();
        long lastView = 0;
        for (int tick = 0; tick < 2000 && changeTicks.size() < 4; tick++) {
            net.tick(1);
            long view = net.replicas[2].status().view();
            if (view != lastView) {
                changeTicks.add(tick);
                lastView = view;
            }
        }
        assertEquals(4, changeTicks.size(), "view changes " + changeTicks);
        int first = changeTicks.get(2) - changeTicks.get(1);
        int second = changeTicks.get(3) - changeTicks.get(2);
        assertEquals(2 * first, second, "timeout doubles: " + changeTicks);
    }
}
