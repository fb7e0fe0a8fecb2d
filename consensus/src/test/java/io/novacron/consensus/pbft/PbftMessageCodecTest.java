package io.novacron.consensus.pbft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.novacron.consensus.pbft.PbftMessage.Checkpoint;
import io.novacron.consensus.pbft.PbftMessage.Commit;
import io.novacron.consensus.pbft.PbftMessage.FetchState;
import io.novacron.consensus.pbft.PbftMessage.NewView;
import io.novacron.consensus.pbft.PbftMessage.PrePrepare;
import io.novacron.consensus.pbft.PbftMessage.Prepare;
import io.novacron.consensus.pbft.PbftMessage.PreparedCertificate;
import io.novacron.consensus.pbft.PbftMessage.Reply;
import io.novacron.consensus.pbft.PbftMessage.State;
import io.novacron.consensus.pbft.PbftMessage.ViewChange;

class PbftMessageCodecTest {

    private static final byte[] SIG = new byte[] {9, 8, 7};
    private static final byte[] D = new byte[32];

    static List<PbftMessage> oneOfEach() {
        ClientRequest request = new ClientRequest(42, 7, "op".getBytes(StandardCharsets.UTF_8), SIG);
        PrePrepare pp = new PrePrepare(0, 3, 11, PrePrepare.digestOf(List.of(request)), List.of(request), SIG);
        Prepare prepare = new Prepare(1, 3, 11, pp.batchDigest(), SIG);
        Checkpoint checkpoint = new Checkpoint(2, 8, D, SIG);
        ViewChange viewChange = new ViewChange(2, 4, 8, List.of(checkpoint, checkpoint),
                List.of(new PreparedCertificate(pp, List.of(prepare, prepare))), SIG);
        return List.of(request, pp, prepare, new Commit(3, 3, 11, D, SIG),
                new Reply(1, 3, 42, 7, "ok".getBytes(StandardCharsets.UTF_8), SIG), checkpoint, viewChange,
                new NewView(0, 4, List.of(viewChange), List.of(pp), SIG), new FetchState(3, 8, SIG),
                new State(1, 8, new byte[4], "snapshot".getBytes(StandardCharsets.UTF_8), SIG));
    }

    @Test
    void everyTypeRoundTrips() throws MalformedMessageException {
        List<PbftMessage> messages = oneOfEach();
        assertEquals(MessageType.values().length, messages.size());
        for (PbftMessage message : messages) {
            byte[] encoded = PbftMessageCodec.encode(message);
            PbftMessage decoded = PbftMessageCodec.decode(encoded);
            assertEquals(message.type(), decoded.type());
            assertArrayEquals(encoded, PbftMessageCodec.encode(decoded), message.type().toString());
            assertArrayEquals(PbftMessageCodec.signedBytes(message), PbftMessageCodec.signedBytes(decoded));
        }
    }

    @Test
    void everyTruncationIsATypedError() {
        for (PbftMessage message : oneOfEach()) {
            byte[] encoded = PbftMessageCodec.encode(message);
            for (int length = 0; length < encoded.length; length++) {
                byte[] truncated = Arrays.copyOf(encoded, length);
                assertThrows(MalformedMessageException.class, () -> PbftMessageCodec.decode(truncated),
                        message.type() + " cut at " + length);
            }
        }
    }

    @Test
    void malformedHeadersLengthsAndTrailingBytesRejected() {
        byte[] prepare = PbftMessageCodec.encode(new Prepare(1, 3, 11, D, SIG));
        byte[] badVersion = prepare.clone();
        badVersion[0] = 99;
        byte[] badType = prepare.clone();
        badType[1] = 77;
        byte[] hugeLength = prepare.clone();
        ByteBuffer.wrap(hugeLength).putInt(2 + 4 + 8 + 8, Integer.MAX_VALUE); // the digest's length field
        byte[] negativeLength = prepare.clone();
        ByteBuffer.wrap(negativeLength).putInt(2 + 4 + 8 + 8, -1);
        byte[] trailing = Arrays.copyOf(prepare, prepare.length + 1);
        for (byte[] bad : List.of(badVersion, badType, hugeLength, negativeLength, trailing)) {
            assertThrows(MalformedMessageException.class, () -> PbftMessageCodec.decode(bad));
        }
    }

    @Test
    void nestedMessageOfWrongTypeRejected() {
        // A NEW-VIEW whose V list holds a PREPARE instead of a VIEW-CHANGE.
        byte[] prepare = PbftMessageCodec.encode(new Prepare(1, 3, 11, D, SIG));
        ByteBuffer buffer = ByteBuffer.allocate(2 + 4 + 8 + 4 + 4 + prepare.length + 4 + 4);
        buffer.put(PbftMessageCodec.VERSION).put((byte) MessageType.NEW_VIEW.ordinal()).putInt(0).putLong(4)
                .putInt(1).putInt(prepare.length).put(prepare).putInt(0).putInt(0);
        assertThrows(MalformedMessageException.class, () -> PbftMessageCodec.decode(buffer.array()));
    }

    @Test
    void signatureCoversTheFieldsThatMatter() {
        Prepare a = new Prepare(1, 3, 11, D, SIG);
        Prepare b = new Prepare(1, 3, 12, D, SIG);
        Prepare resigned = new Prepare(1, 3, 11, D, new byte[] {1});
        assertEquals(false, Arrays.equals(PbftMessageCodec.signedBytes(a), PbftMessageCodec.signedBytes(b)));
        assertArrayEquals(PbftMessageCodec.signedBytes(a), PbftMessageCodec.signedBytes(resigned),
                "the signature is not part of what is signed");
        Commit commit = new Commit(1, 3, 11, D, SIG);
        assertEquals(false, Arrays.equals(PbftMessageCodec.signedBytes(a), PbftMessageCodec.signedBytes(commit)),
                "a PREPARE signature cannot be replayed as a COMMIT");
    }
}
