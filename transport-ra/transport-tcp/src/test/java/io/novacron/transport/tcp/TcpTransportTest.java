package io.novacron.transport.tcp;

import io.novacron.transport.PeerStatistics;
import io.novacron.transport.PeerUnknownException;
import io.novacron.transport.TransportBackpressureException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Three (or two) engines over real loopback sockets: ordering, stream isolation, back-pressure, reconnect, batching. */
class TcpTransportTest {

    private static byte[] seq(int stream, int i, int size) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(8, size));
        b.putInt(stream).putInt(i);
        return b.array();
    }

    private static int seqOf(byte[] p) {
        return ByteBuffer.wrap(p).getInt(4);
    }

    @Test
    void framesOnSeveralStreamsArriveInOrderPerStreamAtEveryPeer() {
        try (Cluster c = new Cluster(List.of("a", "b", "c"), UnaryOperator.identity(), UnaryOperator.identity()).startAll()) {
            int perStream = 2000;
            for (String from : c.ids) {
                for (String to : c.ids) {
                    if (from.equals(to)) {
                        continue;
                    }
                    for (int i = 0; i < perStream; i++) {
                        for (int s = 0; s < 4; s++) {
                            c.node(from).send(to, s, seq(s, i, 32 + (i % 7) * 100));
                        }
                    }
                }
            }
            for (String at : c.ids) {
                Await.until(() -> c.at(at).total() == 2 * 4 * perStream, at + " received everything");
                for (String from : c.ids) {
                    for (int s = 0; s < 4 && !from.equals(at); s++) {
                        List<byte[]> got = c.at(at).frames(from, s);
                        for (int i = 0; i < perStream; i++) {
                            assertEquals(i, seqOf(got.get(i)), at + " from " + from + " stream " + s + " position " + i);
                        }
                    }
                }
            }
            PeerStatistics ab = c.node("a").statistics("b");
            assertEquals(4L * perStream, ab.framesOut());
            assertEquals(4L * perStream, c.node("b").statistics("a").framesIn());
            assertTrue(ab.bytesOut() > 4L * perStream * (32 + 14), "bytes out counts headers and payloads: " + ab);
            // Heartbeats keep flowing, so the two counters agree only between a heartbeat's write and its read.
            Await.until(() -> c.node("a").statistics("b").bytesOut() == c.node("b").statistics("a").bytesIn(),
                    "every byte a wrote to b was read by b");
        }
    }

    @Test
    void aStalledBulkStreamDoesNotDelayTheControlStream() {
        try (Cluster c = new Cluster(List.of("a", "b"), s -> s.withQueue(4096, 64L << 20), r -> r).startAll()) {
            c.awaitConnected();
            c.at("b").hold(3); // b's consumer of stream 3 stalls: stream 3 fills up end to end
            byte[] big = new byte[1 << 20];
            int bulk = 0;
            try {
                for (; bulk < 10_000; bulk++) {
                    c.node("a").send("b", 3, big);
                }
            } catch (TransportBackpressureException expected) {
                // stream 3 is full all the way back to a's queue
            }
            assertTrue(bulk > 0 && bulk < 10_000, "bulk stream filled after " + bulk + " MiB");
            long start = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                c.node("a").send("b", 0, seq(0, i, 64));
            }
            Await.until(() -> c.at("b").count("a", 0) == 1000, "control frames delivered while the bulk stream is stalled");
            long controlMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(c.at("b").count("a", 3) <= 1, "bulk stream still stalled: " + c.at("b").count("a", 3));
            assertTrue(c.node("a").statistics("b").connected(), "heartbeats kept flowing on stream 0");
            c.at("b").release(3);
            int sent = bulk;
            Await.until(() -> c.at("b").count("a", 3) == sent, "bulk frames delivered after the consumer resumed");
            System.out.printf("control stream: 1000 frames in %d ms while %d MiB waited on the bulk stream%n", controlMs, bulk);
        }
    }

    @Test
    void aReceiverThatStopsReadingMakesSendFailFastWithBoundedQueues() {
        int queueFrames = 64;
        long queueBytes = 2L << 20;
        try (Cluster c = new Cluster(List.of("a", "b"),
                s -> s.withQueue(queueFrames, queueBytes).withMaxFrameBytes(64 << 10), r -> r.withMaxFrameBytes(64 << 10)).startAll()) {
            c.awaitConnected();
            c.at("b").hold(1);
            byte[] frame = new byte[64 << 10];
            long slowestNanos = 0;
            int accepted = 0;
            int refusedInARow = 0;
            String refusal = "";
            // Kernel socket buffers absorb a few MiB first; once they are full the writer blocks, the queue fills,
            // and from then on every send is refused.
            for (int i = 0; i < 1_000_000 && refusedInARow < 1000; i++) {
                long t0 = System.nanoTime();
                try {
                    c.node("a").send("b", 1, frame);
                    accepted++;
                    refusedInARow = 0;
                } catch (TransportBackpressureException e) {
                    refusal = e.getMessage();
                    refusedInARow++;
                }
                slowestNanos = Math.max(slowestNanos, System.nanoTime() - t0);
                PeerStatistics now = c.node("a").statistics("b");
                assertTrue(now.queuedBytes() <= queueBytes && now.queuedFrames() <= queueFrames, "queue bounded: " + now);
            }
            assertEquals(1000, refusedInARow, "send never settled into refusing; accepted " + accepted + " frames");
            assertTrue(refusal.contains("peer 'b' stream 1: send queue full"), refusal);
            assertTrue(slowestNanos < 200_000_000L, "send blocked for " + slowestNanos / 1_000_000 + " ms");
            long acceptedBytes = (long) accepted * frame.length;
            // Kernel buffers on loopback: at most tcp_wmem max (4 MiB here) + tcp_rmem max (32 MiB here) + our 64 KiB reader.
            assertTrue(acceptedBytes <= queueBytes + (40L << 20),
                    "memory bounded: " + acceptedBytes + " B accepted while nothing was consumed (queue bound " + queueBytes
                            + " B plus kernel socket buffers)");
            PeerStatistics st = c.node("a").statistics("b");
            assertTrue(st.queuedBytes() <= queueBytes && st.queuedFrames() <= queueFrames, "queues bounded: " + st);
            assertTrue(st.rejectedFrames() >= 1000, "rejections counted: " + st);
            c.node("a").send("b", 0, new byte[8]); // other streams are not affected
            Await.until(() -> c.at("b").count("a", 0) == 1, "control stream still delivers");
            c.at("b").release(1);
            int total = accepted;
            Await.until(() -> c.at("b").count("a", 1) == total, "everything accepted is delivered after the stall");
            Await.until(() -> c.node("a").statistics("b").queuedFrames() == 0, "queue drained");
            c.node("a").send("b", 1, frame); // and accepts again
        }
    }

    @Test
    void reconnectsAfterAPeerIsStoppedAndRestarted() {
        try (Cluster c = new Cluster(List.of("a", "b", "c"), UnaryOperator.identity(), UnaryOperator.identity()).startAll()) {
            c.awaitConnected();
            c.stop("b");
            Await.until(() -> !c.node("a").statistics("b").connected(), "a sees b gone");
            Await.until(() -> !c.node("a").sender().lastError("b", 1).isEmpty(), "a's reconnect attempts to b fail");
            c.start("b");
            Await.until(() -> c.node("a").statistics("b").connected(), "a reconnected to b");
            Await.until(() -> c.node("c").statistics("b").connected(), "c reconnected to b");
            for (int s = 0; s < 4; s++) {
                c.node("a").send("b", s, seq(s, 1, 16));
            }
            Await.until(() -> c.at("b").count("a", 0) + c.at("b").count("a", 1) + c.at("b").count("a", 2)
                    + c.at("b").count("a", 3) == 4, "b receives from a on every stream after the restart");
            PeerStatistics ab = c.node("a").statistics("b");
            assertTrue(ab.reconnects() >= 4, "every stream to b reconnected once: " + ab);
            assertEquals(0, c.node("a").statistics("c").reconnects(), "the link to c was never lost");
        }
    }

    @Test
    void heartbeatsMeasureRoundTripTime() {
        try (Cluster c = new Cluster(List.of("a", "b"), UnaryOperator.identity(), UnaryOperator.identity()).startAll()) {
            Await.until(() -> c.node("a").statistics("b").rttNanos() > 0, "a measured an RTT to b");
            Await.until(() -> c.node("b").statistics("a").rttNanos() > 0, "b measured an RTT to a");
            long rtt = c.node("a").statistics("b").rttNanos();
            assertTrue(rtt < 5_000_000_000L, "loopback RTT " + rtt + " ns");
        }
    }

    @Test
    void unknownPeersAndBadStreamsAreRefusedAtOnce() {
        try (Cluster c = new Cluster(List.of("a", "b"), UnaryOperator.identity(), UnaryOperator.identity()).startAll()) {
            PeerUnknownException e = assertThrows(PeerUnknownException.class, () -> c.node("a").send("z", 0, new byte[1]));
            assertTrue(e.getMessage().contains("'z'"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> c.node("a").send("b", 4, new byte[1]));
            assertThrows(IllegalArgumentException.class, () -> c.node("a").send("b", 0, new byte[(16 << 20) + 1]));
            c.node("a").close();
            assertThrows(IllegalStateException.class, () -> c.node("a").send("b", 0, new byte[1]));
        }
    }

    @Test
    void manySmallFramesLeaveInFewWrites() {
        try (Cluster c = new Cluster(List.of("a", "b"), s -> s.withHeartbeat(60_000, 5), UnaryOperator.identity())) {
            c.start("a"); // b is not up yet: a's frames wait in the queue while a retries
            int n = 2000;
            for (int i = 0; i < n; i++) {
                c.node("a").send("b", 1, seq(1, i, 16));
            }
            Await.until(() -> !c.node("a").sender().lastError("b", 1).isEmpty(), "a tried b and failed");
            assertEquals(0, c.node("a").statistics("b").writesOut());
            c.start("b");
            Await.until(() -> c.at("b").count("a", 1) == n, "all small frames delivered");
            List<byte[]> got = c.at("b").frames("a", 1);
            for (int i = 0; i < n; i++) {
                assertEquals(i, seqOf(got.get(i)));
            }
            // The sender counts a write after it returns, which may be after the receiver already has the frames.
            Await.until(() -> c.node("a").statistics("b").framesOut() == n, "a counted every frame it wrote");
            PeerStatistics st = c.node("a").statistics("b");
            // 2000 frames of 30 B fit in one 64 KiB batch; the rest of the writes are heartbeats (one per stream-0 connect).
            assertTrue(st.writesOut() <= 4, "2000 frames took " + st.writesOut() + " writes");
            assertFalse(st.writesOut() == 0);
        }
    }
}
