package io.novacron.transport.tcp;

import io.novacron.transport.PeerStatistics;
import io.novacron.transport.PeerUnknownException;
import io.novacron.transport.TransportBackpressureException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three (or two) engines over real loopback sockets: ordering, stream isolation, back-pressure, reconnect, batching,
 * and payloads longer than one frame.
 */
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
            IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                    () -> c.node("a").send("b", 0, new byte[(64 << 20) + 1]));
            assertTrue(tooLong.getMessage().contains("queueBytes=67108864"), tooLong.getMessage());
            c.node("a").close();
            assertThrows(IllegalStateException.class, () -> c.node("a").send("b", 0, new byte[1]));
        }
    }

    /**
     * 1 KiB frames, so that a few KiB already take several, and 2 KiB batches, so that long payloads are written out
     * part-way; heartbeats slow, so that a loaded machine drops no peer.
     */
    private static TcpSenderConfig smallFrames(TcpSenderConfig s) {
        return s.withMaxFrameBytes(1024).withQueue(4096, 1 << 20).withBatchBytes(2048).withHeartbeat(60_000, 5);
    }

    @Test
    void payloadsLongerThanMaxFrameBytesArriveWholeAndInOrderWithTheSmallFramesAroundThem() {
        try (Cluster c = new Cluster(List.of("a", "b"), TcpTransportTest::smallFrames, r -> r.withMaxFrameBytes(1024))
                .startAll()) {
            c.awaitConnected();
            Random random = new Random(42);
            // 2.5 frames, the edges around one frame, 60 frames; on the control stream too, where heartbeats go between parts.
            int[] sizes = {8, 2560, 16, 1024, 1025, 2048, 61_440, 8};
            List<byte[]> sent = new ArrayList<>();
            for (int size : sizes) {
                byte[] p = new byte[size];
                random.nextBytes(p);
                sent.add(p);
            }
            for (int s : new int[]{0, 1}) {
                for (byte[] p : sent) {
                    c.node("a").send("b", s, p);
                }
            }
            for (int s : new int[]{0, 1}) {
                int stream = s;
                Await.until(() -> c.at("b").count("a", stream) == sizes.length, "stream " + s + ": every payload delivered");
                List<byte[]> got = c.at("b").frames("a", s);
                for (int i = 0; i < sizes.length; i++) {
                    assertArrayEquals(sent.get(i), got.get(i), "stream " + s + " payload " + i + " of " + sizes[i] + " B");
                }
            }
            // Counted as payloads, not wire frames: 2 x 8 sends, though they took 2 x 72 frames on the wire.
            Await.until(() -> c.node("a").statistics("b").framesOut() == 2L * sizes.length, "a counted every payload once");
            assertEquals(2L * sizes.length, c.node("b").statistics("a").framesIn());
            long payloadBytes = 2L * Arrays.stream(sizes).sum();
            long wireFrames = 2L * Arrays.stream(sizes).map(n -> (n + 1023) / 1024).sum();
            assertTrue(c.node("a").statistics("b").bytesOut() >= payloadBytes + wireFrames * 14,
                    "bytes out counts every wire frame's header and checksum: " + c.node("a").statistics("b"));
        }
    }

    @Test
    void theRaftSnapshotThatExceededTheFrameLimitArrivesWholeWithTheDefaults() {
        // The size of the 220,000-host snapshot that once stopped a consensus thread: 1.7 frames of the default 16 MiB.
        try (Cluster c = new Cluster(List.of("a", "b"), s -> s.withHeartbeat(60_000, 5), UnaryOperator.identity()).startAll()) {
            c.awaitConnected();
            byte[] snapshot = new byte[29_069_344];
            new Random(220_000).nextBytes(snapshot);
            c.node("a").send("b", 1, snapshot);
            c.node("a").send("b", 1, seq(1, 1, 8));
            Await.until(() -> c.at("b").count("a", 1) == 2, "the snapshot and the frame after it delivered");
            assertArrayEquals(snapshot, c.at("b").frames("a", 1).get(0));
            assertEquals(1, seqOf(c.at("b").frames("a", 1).get(1)));
        }
    }

    @Test
    void heartbeatsDueWhileALongPayloadIsWrittenGoBetweenItsPartsAndTheControlStreamStillDeliversItWhole() {
        // A heartbeat falls due every millisecond (and a miss never marks the peer down), and every part is its own write.
        try (Cluster c = new Cluster(List.of("a", "b"), s -> smallFrames(s).withBatchBytes(1).withHeartbeat(1, 1_000_000),
                r -> r.withMaxFrameBytes(1024)).startAll()) {
            c.awaitConnected();
            Random random = new Random(9);
            List<byte[]> sent = new ArrayList<>();
            for (int i = 0; i < 12; i++) { // 12 x 60 KB fit the 1 MiB queue whatever the writer's pace
                byte[] p = new byte[60_000 + i];
                random.nextBytes(p);
                sent.add(p);
                c.node("a").send("b", 0, p);
            }
            Await.until(() -> c.at("b").count("a", 0) == sent.size(), "every long payload delivered on the control stream");
            List<byte[]> got = c.at("b").frames("a", 0);
            for (int i = 0; i < sent.size(); i++) {
                assertArrayEquals(sent.get(i), got.get(i), "payload " + i);
            }
            assertTrue(c.node("a").statistics("b").rttNanos() > 0, "heartbeats were answered meanwhile");
        }
    }

    @Test
    void aPayloadAboveQueueBytesIsRefusedAtSendNamingTheBoundAndOneOfExactlyQueueBytesGoesThrough() {
        try (Cluster c = new Cluster(List.of("a", "b"), s -> smallFrames(s).withQueue(16, 4096),
                r -> r.withMaxFrameBytes(1024)).startAll()) {
            c.awaitConnected();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> c.node("a").send("b", 1, new byte[4097]));
            assertTrue(e.getMessage().contains("payload of 4097 B for peer 'b' stream 1 is larger than queueBytes=4096"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("raise queueBytes"), e.getMessage());
            assertEquals(0, c.node("a").statistics("b").rejectedFrames(), "not counted as back-pressure: no retry helps");
            byte[] exactly = new byte[4096];
            new Random(1).nextBytes(exactly);
            c.node("a").send("b", 1, exactly);
            Await.until(() -> c.at("b").count("a", 1) == 1, "a payload of exactly queueBytes delivered");
            assertArrayEquals(exactly, c.at("b").frames("a", 1).get(0));
        }
    }

    @Test
    void aPayloadAboveTheReceiversBoundIsNeverDeliveredAndTheStreamRecovers() {
        // b reassembles at most 64 x 1 KiB; a may queue up to 1 MiB, so a's payload of 64 KiB + 1 reaches b and is refused.
        try (Cluster c = new Cluster(List.of("a", "b"), TcpTransportTest::smallFrames, r -> r.withMaxFrameBytes(1024))
                .startAll()) {
            c.awaitConnected();
            c.node("a").send("b", 1, new byte[(64 << 10) + 1]);
            // b closed the connection; a learns it on its next write, loses what that write carried (at most once)
            // and reconnects. Probes go out until one arrives on the new connection.
            byte[] probe = seq(1, 0, 8);
            Await.until(() -> {
                try {
                    c.node("a").send("b", 1, probe);
                } catch (TransportBackpressureException full) {
                    // the reconnect takes a moment: the queue may fill with probes meanwhile
                }
                return c.at("b").count("a", 1) > 0;
            }, "stream 1 delivers again after b refused the oversized payload");
            for (byte[] got : c.at("b").frames("a", 1)) {
                assertEquals(8, got.length, "only probes arrive: nothing of the refused payload, whole or in part");
            }
            assertTrue(c.node("a").statistics("b").reconnects() >= 1, "a reconnected stream 1");
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
