package io.novacron.consensus.pbft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.novacron.consensus.pbft.PbftMessage.Checkpoint;
import io.novacron.consensus.pbft.PbftMessage.FetchState;
import io.novacron.consensus.pbft.PbftMessage.Prepare;
import io.novacron.consensus.pbft.PbftMessage.State;

class PbftCheckpointTest {

    /** K = 4, L = 8, one request per batch, proposed at once: sequence numbers equal request counts. */
    static final PbftConfig ONE_PER_BATCH = new PbftConfig(4, 4, 8, 1, 0, 20, 320, 30);

    static void runRequests(TestNetwork net, long client, int count) {
        for (int i = 0; i < count; i++) {
            net.submit(client, "op" + i);
            net.runUntilClientsDone(200);
        }
    }

    @Test
    void castroLiskov43_checkpointBecomesStableWith2fPlus1AndLogIsTruncated() {
        TestNetwork net = new TestNetwork(ONE_PER_BATCH);
        runRequests(net, 1, 5);
        for (int i = 0; i < 4; i++) {
            PbftStatus status = net.replicas[i].status();
            assertEquals(4, status.lowWatermarkSeq(), "replica " + i + " h");
            assertEquals(12, status.highWatermarkSeq(), "replica " + i + " H = h + L");
            assertEquals(1, status.retainedLogSlots(), "replica " + i + " keeps only sequence 5");
            StableCheckpoint stable = net.stable.get(i).get(0);
            assertEquals(4, stable.sequence());
            assertTrue(stable.proof().size() >= 3, "2f+1 matching checkpoint messages");
        }
    }

    @Test
    void castroLiskov43_messagesOutsideWatermarksRefused() {
        TestNetwork net = new TestNetwork(ONE_PER_BATCH);
        runRequests(net, 1, 4); // h = 4, H = 12
        PbftReplica target = net.replicas[1];
        long dropped = target.status().otherDroppedMessages();
        for (long sequence : new long[] {3, 4, 13, 100}) {
            Prepare prepare = new Prepare(2, 0, sequence, new byte[32], new byte[0]);
            target.step(prepare.withSignature(net.replicaSigners.get(2).sign(PbftMessageCodec.signedBytes(prepare))));
        }
        assertEquals(dropped + 4, target.status().otherDroppedMessages());
        // A checkpoint at or below h is stale too.
        Checkpoint old = new Checkpoint(2, 4, new byte[32], new byte[0]);
        target.step(old.withSignature(net.replicaSigners.get(2).sign(PbftMessageCodec.signedBytes(old))));
        assertEquals(dropped + 5, target.status().otherDroppedMessages());
    }

    @Test
    void castroLiskov43_primaryStopsAtHighWatermarkUntilACheckpointIsStable() {
        TestNetwork net = new TestNetwork(ONE_PER_BATCH);
        net.drop = e -> e.message() instanceof Checkpoint; // no checkpoint ever becomes stable
        for (long client = 1; client <= 12; client++) {
            net.client(client).submit(("op" + client).getBytes(StandardCharsets.UTF_8));
        }
        net.tick(10); // less than the request timeout
        for (int i = 0; i < 4; i++) {
            assertEquals(8, net.replicas[i].status().lastExecutedSeq(), "replica " + i + " stops at H = 0 + L");
        }
    }

    @Test
    void castroLiskov43_laggingReplicaFetchesCertifiedState() {
        TestNetwork net = new TestNetwork(ONE_PER_BATCH);
        net.isolated.add(3);
        runRequests(net, 1, 12);
        assertEquals(0, net.replicas[3].status().lastExecutedSeq());
        assertEquals(12, net.replicas[0].status().lowWatermarkSeq());

        net.isolated.clear();
        runRequests(net, 1, 4); // sequences 13..16, checkpoint 16 certified by 0, 1, 2
        net.tick(20);
        PbftStatus lagging = net.replicas[3].status();
        assertEquals(16, lagging.lastExecutedSeq(), "installed the state at the stable checkpoint");
        assertEquals(16, lagging.lowWatermarkSeq());
        net.assertSameApplicationState(0, 3);

        runRequests(net, 1, 1); // and takes part normally again
        assertEquals(17, net.replicas[3].status().lastExecutedSeq());
        net.assertSameApplicationState(0, 3);
        net.assertAgreement("state transfer");
    }

    /**
     * §4.3 state transfer must never take a replica back: when the certified state arrives after the replica has
     * executed past it by normal means (its fetch was slow), the state is dropped, not installed.
     */
    @Test
    void castroLiskov43_stateArrivingAfterTheReplicaCaughtUpIsNotInstalled() {
        TestNetwork net = new TestNetwork(ONE_PER_BATCH);
        List<TestNetwork.Envelope> missed = new ArrayList<>();
        net.crashed.add(3); // replica 3 hears nothing for now; we keep what it missed
        net.drop = e -> {
            missed.add(e);
            return false;
        };
        runRequests(net, 1, 6); // sequences 1..6, checkpoint 4 certified by 0, 1 and 2
        net.drop = e -> false;
        net.crashed.clear();
        PbftReplica lagging = net.replicas[3];
        for (TestNetwork.Envelope e : missed) {
            if (e.message() instanceof Checkpoint && e.from() != 3) {
                lagging.step(e.message()); // the certificate for 4 arrives first: replica 3 is behind it
            }
        }
        State state = net.replicas[0].status().lastExecutedSeq() >= 4 ? stateAt(net, 0, 4) : null;
        for (TestNetwork.Envelope e : missed) {
            if (!(e.message() instanceof Checkpoint) && e.from() >= 0 && e.from() != 3) {
                lagging.step(e.message()); // then the normal-case messages: it executes 1..6 itself
            }
        }
        assertEquals(6, lagging.status().lastExecutedSeq());
        lagging.step(state); // the state it had asked for, late
        assertEquals(6, lagging.status().lastExecutedSeq(), "never goes back to 4");
        assertTrue(lagging.ready().installState().isEmpty(), "nothing to install");
    }

    /** The STATE replica {@code from} answers a fetch for {@code sequence} with. */
    private static State stateAt(TestNetwork net, int from, long sequence) {
        PbftReplica sender = net.replicas[from];
        FetchState fetch = new FetchState(3, sequence, new byte[0]);
        sender.step(fetch.withSignature(net.replicaSigners.get(3).sign(PbftMessageCodec.signedBytes(fetch))));
        Ready ready = sender.ready();
        sender.advance(ready);
        for (Outbound out : ready.messages()) {
            if (out.message() instanceof State state) {
                return state;
            }
        }
        throw new AssertionError("replica " + from + " did not answer the fetch");
    }
}
