package io.novacron.consensus.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.novacron.consensus.engine.Applied;
import io.novacron.consensus.engine.EngineDriver;
import io.novacron.consensus.engine.Frame;
import io.novacron.consensus.engine.PbftEngine;
import io.novacron.consensus.engine.RaftEngine;
import io.novacron.consensus.pbft.MalformedMessageException;
import io.novacron.consensus.pbft.PbftMessage;
import io.novacron.consensus.pbft.PbftMessage.Prepare;
import io.novacron.consensus.pbft.PbftMessageCodec;
import io.novacron.consensus.raft.MessageType;
import io.novacron.consensus.raft.RaftMessage;
import io.novacron.consensus.raft.RaftMessageCodec;
import io.novacron.crypto.KeyRing;
import io.novacron.crypto.SignatureScheme;
import io.novacron.crypto.SigningKeyPair;

/** What a FaultyOutputs does to one member's rounds: exactly nothing, exactly everything, or its seeded share. */
class FaultyOutputsTest {

    /** The real outputs: every round, applied command, refusal and failure as it arrived. */
    private static final class Recording implements EngineDriver.Outputs {
        final List<List<Frame>> rounds = new ArrayList<>();
        final List<Object> others = new ArrayList<>();

        @Override
        public void send(List<Frame> frames) {
            rounds.add(frames);
        }

        @Override
        public void applied(Applied applied) {
            others.add(applied);
        }

        @Override
        public void refused(byte[] command) {
            others.add(command);
        }

        @Override
        public void failed(IOException cause) {
            others.add(cause);
        }

        List<Frame> frames() {
            return rounds.stream().flatMap(List::stream).toList();
        }
    }

    private final Recording next = new Recording();
    private final ManualScheduler scheduler = new ManualScheduler();

    private static List<Frame> round(int size) {
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            frames.add(new Frame(i % 3, new byte[] {'F', (byte) i, (byte) (i >> 8)}));
        }
        return frames;
    }

    private static FaultPlan plan(double drop, double duplicate, double corrupt) {
        return new FaultPlan(drop, duplicate, corrupt, 0, 0, false, 17);
    }

    @Test
    void ratesOfZeroPassTheRoundStraightThrough() {
        FaultyOutputs faulty = new FaultyOutputs(next, plan(0, 0, 0), scheduler);
        List<Frame> frames = round(5);
        faulty.send(frames);
        assertEquals(1, next.rounds.size());
        assertSame(frames, next.rounds.get(0));
        assertEquals(new FaultCounts(0, 0, 0, 0, 0), faulty.counts());
        assertEquals(0, scheduler.scheduledCount());
    }

    @Test
    void dropRateOneSendsNothingNotEvenAnEmptyRound() {
        FaultyOutputs faulty = new FaultyOutputs(next, plan(1, 1, 1), scheduler);
        faulty.send(round(7));
        assertTrue(next.rounds.isEmpty());
        assertEquals(new FaultCounts(7, 0, 0, 0, 0), faulty.counts());
    }

    @Test
    void duplicateRateOneSendsEveryFrameTwiceInOrder() {
        FaultyOutputs faulty = new FaultyOutputs(next, plan(0, 1, 0), scheduler);
        List<Frame> frames = round(4);
        faulty.send(frames);
        List<Frame> sent = next.frames();
        assertEquals(8, sent.size());
        for (int i = 0; i < 4; i++) {
            assertSame(frames.get(i), sent.get(2 * i));
            assertSame(frames.get(i), sent.get(2 * i + 1));
        }
        assertEquals(new FaultCounts(0, 4, 0, 0, 0), faulty.counts());
    }

    @Test
    void corruptRateOneFlipsOneBitOfEveryFrameAndLeavesTheOriginalAlone() {
        FaultyOutputs faulty = new FaultyOutputs(next, plan(0, 0, 1), scheduler);
        List<Frame> frames = round(6);
        List<byte[]> before = frames.stream().map(frame -> frame.payload().clone()).toList();
        faulty.send(frames);
        List<Frame> sent = next.frames();
        assertEquals(6, sent.size());
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(before.get(i), frames.get(i).payload(), "the engine's bytes are not touched");
            assertEquals(frames.get(i).member(), sent.get(i).member(), "still a frame to the same member");
            assertEquals(1, differingBits(frames.get(i).payload(), sent.get(i).payload()));
        }
        assertEquals(new FaultCounts(0, 0, 6, 0, 0), faulty.counts());
    }

    private static int differingBits(byte[] a, byte[] b) {
        assertEquals(a.length, b.length);
        int bits = 0;
        for (int i = 0; i < a.length; i++) {
            bits += Integer.bitCount((a[i] ^ b[i]) & 0xff);
        }
        return bits;
    }

    @Test
    void aRateInBetweenHitsItsShareAndTheSameSeedMakesTheSameChoices() {
        FaultPlan halfDropped = plan(0.5, 0, 0);
        Recording again = new Recording();
        FaultyOutputs first = new FaultyOutputs(next, halfDropped, scheduler);
        FaultyOutputs second = new FaultyOutputs(again, halfDropped, scheduler);
        for (int r = 0; r < 100; r++) {
            first.send(round(100));
            second.send(round(100));
        }
        long dropped = first.counts().droppedFrames();
        assertTrue(dropped > 4_500 && dropped < 5_500, "about half of 10,000 dropped: " + dropped);
        assertEquals(10_000 - dropped, next.frames().size());
        assertEquals(first.counts(), second.counts());
        List<Frame> a = next.frames();
        List<Frame> b = again.frames();
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).payload(), b.get(i).payload(), "frame " + i);
        }
    }

    @Test
    void aDelayedRoundGoesToTheSchedulerAndArrivesWhole() {
        FaultyOutputs faulty = new FaultyOutputs(next, new FaultPlan(0, 0, 0, 30, 0, false, 3), scheduler);
        List<Frame> frames = round(3);
        faulty.send(frames);
        assertTrue(next.rounds.isEmpty(), "nothing sent on the driver thread");
        assertEquals(1, scheduler.pending());
        assertEquals(30, scheduler.nextDelayMs());
        scheduler.advanceMs(29);
        assertTrue(next.rounds.isEmpty());
        scheduler.advanceMs(1);
        assertEquals(List.of(frames), next.rounds);
        assertEquals(new FaultCounts(0, 0, 0, 3, 0), faulty.counts());
    }

    @Test
    void jitterSpreadsDelaysOverItsWholeRangeAndNoFurther() {
        FaultyOutputs faulty = new FaultyOutputs(next, new FaultPlan(0, 0, 0, 20, 5, false, 11), scheduler);
        TreeSet<Long> delaysMs = new TreeSet<>();
        for (int r = 0; r < 200; r++) {
            faulty.send(round(1));
            delaysMs.add(scheduler.nextDelayMs());
            scheduler.advanceMs(25);
        }
        assertEquals(new TreeSet<>(List.of(20L, 21L, 22L, 23L, 24L, 25L)), delaysMs);
        assertEquals(200, next.rounds.size());
    }

    @Test
    void aRoundTheSchedulerRefusesIsCountedAsDropped() {
        FaultyOutputs faulty = new FaultyOutputs(next, new FaultPlan(0, 0, 0, 10, 0, false, 3), scheduler);
        scheduler.shutdown();
        faulty.send(round(2));
        assertTrue(next.rounds.isEmpty());
        assertEquals(new FaultCounts(2, 0, 0, 0, 0), faulty.counts());
    }

    @Test
    void appliedRefusedAndFailedPassThroughUnchanged() {
        FaultyOutputs faulty = new FaultyOutputs(next, plan(1, 1, 1), scheduler);
        Applied applied = new Applied(1, new byte[] {1}, new byte[] {2}, new byte[0]);
        byte[] refused = {3};
        IOException failure = new IOException("disk");
        faulty.applied(applied);
        faulty.refused(refused);
        faulty.failed(failure);
        assertEquals(3, next.others.size());
        assertSame(applied, next.others.get(0));
        assertSame(refused, next.others.get(1));
        assertSame(failure, next.others.get(2));
    }

    @Test
    void equivocationWithoutTheMembersKeyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FaultyOutputs(next, new FaultPlan(0, 0, 0, 0, 0, true, 1), scheduler));
        assertTrue(e.getMessage().startsWith("equivocate=true needs an Equivocator"), e.getMessage());
    }

    @Test
    void aCorruptedPbftFrameStillDecodesButItsSignatureNoLongerVerifies() throws MalformedMessageException {
        SigningKeyPair key = SignatureScheme.ED25519.generateKeyPair(new SecureRandom());
        KeyRing ring = new KeyRing(SignatureScheme.ED25519, Map.of(1, key.publicKey()));
        Prepare unsigned = new Prepare(1, 0, 5, new byte[32], new byte[0]);
        PbftMessage prepare = unsigned.withSignature(key.signer().sign(PbftMessageCodec.signedBytes(unsigned)));
        assertTrue(ring.verify(1, PbftMessageCodec.signedBytes(prepare), prepare.signature()), "the honest frame");

        PbftMessage corrupted = PbftEngine.messageOf(FrameCorruption.corrupt(PbftEngine.frameOf(prepare)));
        assertEquals(prepare.type(), corrupted.type());
        assertArrayEquals(PbftMessageCodec.signedBytes(prepare), PbftMessageCodec.signedBytes(corrupted),
                "the body is intact: only the signature changed");
        assertFalse(ring.verify(1, PbftMessageCodec.signedBytes(corrupted), corrupted.signature()));
    }

    @Test
    void aCorruptedRaftFrameIsRejectedByTheCodecNotReadAsAnotherMessage() {
        RaftMessage heartbeat = RaftMessage.builder(MessageType.HEARTBEAT, 1, 2, 3).build();
        byte[] frame = new byte[1 + RaftMessageCodec.encode(heartbeat).length];
        frame[0] = RaftEngine.MESSAGE_FRAME_KIND;
        System.arraycopy(RaftMessageCodec.encode(heartbeat), 0, frame, 1, frame.length - 1);
        byte[] corrupted = FrameCorruption.corrupt(frame);
        assertEquals(RaftEngine.MESSAGE_FRAME_KIND, corrupted[0]);
        byte[] body = Arrays.copyOfRange(corrupted, 1, corrupted.length);
        assertThrows(io.novacron.consensus.raft.MalformedMessageException.class, () -> RaftMessageCodec.decode(body));
    }

    @Test
    void aCorruptedForwardedCommandNoLongerHasAKindAnEngineKnows() {
        byte[] corrupted = FrameCorruption.corrupt(new byte[] {RaftEngine.FORWARD_FRAME_KIND, 'x'});
        assertNotEquals(RaftEngine.FORWARD_FRAME_KIND, corrupted[0]);
        assertNotEquals(RaftEngine.MESSAGE_FRAME_KIND, corrupted[0]);
        assertNotEquals(PbftEngine.FRAME_KIND, corrupted[0]);
        assertEquals('x', corrupted[1]);
    }
}
