package io.novacron.transport.tcp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reassembly of one payload from CONTINUATION parts and a DATA part, and the bound on what it holds. */
class PartialPayloadTest {

    private static byte[] random(Random r, int size) {
        byte[] b = new byte[size];
        r.nextBytes(b);
        return b;
    }

    @Test
    void partsOfEverySizeJoinInOrderAndTheBufferIsEmptyAfterwards() throws FrameFormatException {
        Random r = new Random(3);
        PartialPayload partial = new PartialPayload(1 << 22);
        // Small parts are merged into blocks, large ones kept as read; mixing them must not reorder anything.
        int[] sizes = {1, 1000, PartialPayload.MERGE_BELOW_BYTES, 7, PartialPayload.MERGE_BELOW_BYTES - 1, 3,
                200_000, 64, 64};
        for (int round = 0; round < 2; round++) {
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            for (int size : sizes) {
                byte[] part = random(r, size);
                partial.append(part);
                expected.writeBytes(part);
            }
            assertEquals(expected.size(), partial.pendingBytes());
            assertEquals(sizes.length, partial.parts());
            byte[] last = random(r, 500);
            expected.writeBytes(last);
            assertArrayEquals(expected.toByteArray(), partial.complete(last), "round " + round);
            assertTrue(partial.isEmpty());
            assertEquals(0, partial.pendingBytes());
        }
    }

    @Test
    void aPayloadOfOneFrameIsHandedOnWithoutACopy() throws FrameFormatException {
        byte[] only = {1, 2, 3};
        assertSame(only, new PartialPayload(16).complete(only));
    }

    @Test
    void aPayloadOfExactlyTheBoundIsAcceptedAndOneByteMoreIsRefusedAndDropped() throws FrameFormatException {
        PartialPayload partial = new PartialPayload(4096);
        for (int i = 0; i < 3; i++) {
            partial.append(new byte[1024]);
        }
        assertEquals(4096, partial.complete(new byte[1024]).length);

        for (int i = 0; i < 4; i++) {
            partial.append(new byte[1024]);
        }
        FrameFormatException e = assertThrows(PartialPayload.TooLong.class, () -> partial.append(new byte[1]));
        assertTrue(e.getMessage().contains("payload of at least 4097 B (5 frames so far) exceeds this receiver's bound of"
                + " 4096 B (64 x maxFrameBytes"), e.getMessage());
        assertTrue(e.getMessage().contains("Raise maxFrameBytes"), e.getMessage());
        assertTrue(partial.isEmpty(), "the parts are dropped with the refusal");
        assertEquals(0, partial.pendingBytes());

        partial.append(new byte[4000]);
        assertThrows(PartialPayload.TooLong.class, () -> partial.complete(new byte[97]), "the DATA part counts too");
        assertTrue(partial.isEmpty());
    }

    @Test
    void anEmptyPartIsRefused() {
        FrameFormatException e = assertThrows(FrameFormatException.class, () -> new PartialPayload(16).append(new byte[0]));
        assertTrue(e.getMessage().contains("empty CONTINUATION"), e.getMessage());
    }

    @Test
    void theReceiversBoundIs64FramesAndNeverAboveTheLargestArray() {
        TcpReceiverConfig r = TcpReceiverConfig.defaults("a", "127.0.0.1", 0);
        assertEquals(1 << 30, r.maxPayloadBytes(), "64 x 16 MiB");
        assertEquals(64 << 10, r.withMaxFrameBytes(1024).maxPayloadBytes());
        assertEquals(TcpReceiverConfig.MAX_ARRAY_BYTES, r.withMaxFrameBytes(256 << 20).maxPayloadBytes());
        assertEquals(TcpReceiverConfig.MAX_ARRAY_BYTES, r.withMaxFrameBytes(Integer.MAX_VALUE).maxPayloadBytes());
    }
}
