package io.novacron.transport.tcp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wire format of FrameCodec: header, payload and CRC32C, and each way a frame can be invalid. */
class FrameCodecTest {

    private final FrameCodec codec = new FrameCodec(1024);

    @Test
    void roundTripsEveryTypeAndPayloadSizeBackToBack() throws IOException {
        FrameBuffer buf = new FrameBuffer(16);
        Random r = new Random(7);
        int[] sizes = {0, 1, 13, 1023, 1024};
        for (FrameType t : FrameType.values()) {
            for (int size : sizes) {
                byte[] p = new byte[size];
                r.nextBytes(p);
                codec.encode(t, size % 5, p, buf);
            }
        }
        InputStream in = new ByteArrayInputStream(buf.toByteArray());
        Random again = new Random(7);
        for (FrameType t : FrameType.values()) {
            for (int size : sizes) {
                byte[] p = new byte[size];
                again.nextBytes(p);
                WireFrame f = codec.read(in);
                assertEquals(t, f.type());
                assertEquals(size % 5, f.stream());
                assertArrayEquals(p, f.payload());
                assertEquals(FrameCodec.HEADER_BYTES + size + FrameCodec.TRAILER_BYTES, f.wireBytes());
            }
        }
        assertNull(codec.read(in), "a clean end of stream at a frame boundary is not an error");
    }

    @Test
    void headerLayoutIsMagicVersionTypeStreamLength() {
        byte[] b = codec.encode(FrameType.DATA, 0x0102, new byte[]{9, 9, 9});
        assertArrayEquals(new byte[]{0x4E, 0x43, 1, 3, 1, 2, 0, 0, 0, 3}, Arrays.copyOf(b, 10));
        assertEquals(10 + 3 + 4, b.length);
    }

    @Test
    void corruptPayloadFailsTheChecksum() {
        byte[] b = codec.encode(FrameType.DATA, 1, "hello".getBytes());
        b[FrameCodec.HEADER_BYTES + 2] ^= 0x01;
        FrameFormatException e = assertThrows(FrameFormatException.class, () -> codec.read(new ByteArrayInputStream(b)));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    }

    @Test
    void corruptHeaderFailsTheChecksumToo() {
        byte[] b = codec.encode(FrameType.DATA, 1, "hello".getBytes());
        b[5] ^= 0x01; // the stream number: the CRC covers the header as well
        assertThrows(FrameFormatException.class, () -> codec.read(new ByteArrayInputStream(b)));
    }

    @Test
    void truncatedFramesAreReportedWhereTheyEnd() {
        byte[] b = codec.encode(FrameType.DATA, 1, new byte[100]);
        for (int cut : new int[]{3, FrameCodec.HEADER_BYTES + 50, b.length - 2}) {
            byte[] part = Arrays.copyOf(b, cut);
            FrameFormatException e = assertThrows(FrameFormatException.class,
                    () -> codec.read(new ByteArrayInputStream(part)), "cut at " + cut);
            assertTrue(e.getMessage().startsWith("truncated frame"), e.getMessage());
        }
    }

    @Test
    void oversizedLengthIsRefusedFromTheHeaderAlone() {
        // Only the 10 header bytes exist: the codec must refuse before it tries to allocate or read 2 GiB.
        byte[] header = {0x4E, 0x43, 1, 3, 0, 0, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        FrameFormatException e = assertThrows(FrameFormatException.class,
                () -> codec.read(new ByteArrayInputStream(header)));
        assertTrue(e.getMessage().contains("exceeds maxFrameBytes=1024"), e.getMessage());
        byte[] justOver = codec.encode(FrameType.DATA, 0, new byte[1024]);
        justOver[9] = 0x01; // length 1025 (and 1024+1 bytes are not there anyway)
        justOver[8] = 0x04;
        assertThrows(FrameFormatException.class, () -> codec.read(new ByteArrayInputStream(justOver)));
    }

    @Test
    void aPartOfAPayloadIsEncodedFromItsOffsetAsAFrameOfItsOwn() throws IOException {
        byte[] whole = new byte[2560];
        new Random(11).nextBytes(whole);
        FrameBuffer buf = new FrameBuffer(16);
        codec.encode(FrameType.CONTINUATION, 2, whole, 0, 1024, buf);
        codec.encode(FrameType.CONTINUATION, 2, whole, 1024, 1024, buf);
        codec.encode(FrameType.DATA, 2, whole, 2048, 512, buf);
        byte[] wire = buf.toByteArray();
        assertEquals(7, wire[3], "CONTINUATION is type code 7");
        InputStream in = new ByteArrayInputStream(wire);
        WireFrame first = codec.read(in);
        WireFrame second = codec.read(in);
        WireFrame last = codec.read(in);
        assertEquals(FrameType.CONTINUATION, first.type());
        assertEquals(FrameType.CONTINUATION, second.type());
        assertEquals(FrameType.DATA, last.type());
        assertArrayEquals(Arrays.copyOfRange(whole, 0, 1024), first.payload());
        assertArrayEquals(Arrays.copyOfRange(whole, 1024, 2048), second.payload());
        assertArrayEquals(Arrays.copyOfRange(whole, 2048, 2560), last.payload());
        assertNull(codec.read(in));
        assertThrows(IndexOutOfBoundsException.class, () -> codec.encode(FrameType.DATA, 0, whole, 2048, 1000, buf));
        assertThrows(IndexOutOfBoundsException.class, () -> codec.encode(FrameType.DATA, 0, whole, -1, 10, buf));
    }

    @Test
    void encoderRefusesPayloadsAboveTheLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> codec.encode(FrameType.DATA, 0, new byte[1025]));
        assertTrue(e.getMessage().contains("maxFrameBytes=1024"), e.getMessage());
    }

    @Test
    void badMagicVersionAndTypeAreNamed() {
        byte[] good = codec.encode(FrameType.DATA, 0, new byte[1]);
        byte[] magic = good.clone();
        magic[0] = 0x00;
        byte[] version = good.clone();
        version[2] = 9;
        byte[] type = good.clone();
        type[3] = 99;
        assertTrue(assertThrows(FrameFormatException.class, () -> codec.read(new ByteArrayInputStream(magic)))
                .getMessage().contains("magic"));
        assertTrue(assertThrows(FrameFormatException.class, () -> codec.read(new ByteArrayInputStream(version)))
                .getMessage().contains("version 9"));
        assertTrue(assertThrows(FrameFormatException.class, () -> codec.read(new ByteArrayInputStream(type)))
                .getMessage().contains("type 99"));
    }
}
