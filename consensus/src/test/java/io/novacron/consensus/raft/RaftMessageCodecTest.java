package io.novacron.consensus.raft;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The wire codec: every message type round-trips and malformed input is rejected with a typed exception. */
class RaftMessageCodecTest {

    static RaftMessage full(MessageType type) {
        return RaftMessage.builder(type, 3, 7, 42).logTerm(41).index(1000).commitIndex(999).reject(true).hint(990, 40)
                .entries(List.of(new Entry(41, 1001, EntryType.NORMAL, "abc".getBytes()),
                        new Entry(42, 1002, EntryType.CONF_CHANGE, new ConfChange(ConfChange.Type.ADD_VOTER, 9).encode())))
                .snapshot(new Snapshot(900, 39, new ConfState(Set.of(3, 7, 9), Set.of(11)), "state".getBytes()))
                .context("ctx".getBytes()).transfer(true).build();
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void roundTripsEveryType(MessageType type) throws Exception {
        RaftMessage m = full(type);
        assertEquals(m, RaftMessageCodec.decode(RaftMessageCodec.encode(m)));
        RaftMessage minimal = RaftMessage.builder(type, 1, 2, 0).build();
        assertEquals(minimal, RaftMessageCodec.decode(RaftMessageCodec.encode(minimal)));
    }

    @Test
    void everyTruncationIsRejected() {
        byte[] bytes = RaftMessageCodec.encode(full(MessageType.APPEND_ENTRIES));
        for (int len = 0; len < bytes.length; len++) {
            byte[] cut = Arrays.copyOf(bytes, len);
            assertThrows(MalformedMessageException.class, () -> RaftMessageCodec.decode(cut), "length " + len);
        }
    }

    @Test
    void trailingBytesWrongVersionAndUnknownTypeAreRejected() {
        byte[] ok = RaftMessageCodec.encode(full(MessageType.HEARTBEAT));
        byte[] trailing = Arrays.copyOf(ok, ok.length + 1);
        assertThrows(MalformedMessageException.class, () -> RaftMessageCodec.decode(trailing));
        byte[] version = ok.clone();
        version[0] = 99;
        assertThrows(MalformedMessageException.class, () -> RaftMessageCodec.decode(version));
        byte[] type = ok.clone();
        type[1] = (byte) MessageType.values().length;
        assertThrows(MalformedMessageException.class, () -> RaftMessageCodec.decode(type));
        assertThrows(MalformedMessageException.class, () -> RaftMessageCodec.decode(null));
    }

    @Test
    void forgedHugeEntryCountIsRejectedWithoutAllocating() {
        RaftMessage m = RaftMessage.builder(MessageType.APPEND_ENTRIES, 1, 2, 1).build();
        byte[] bytes = RaftMessageCodec.encode(m);
        // The entry count sits right after the fixed header (3 + 4 + 4 + 6 * 8 bytes).
        ByteBuffer.wrap(bytes).putInt(59, Integer.MAX_VALUE);
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> RaftMessageCodec.decode(bytes));
        assertEquals(true, e.getMessage().contains("entry count"), e.getMessage());
    }

    @Test
    void randomGarbageOnlyEverYieldsMalformedMessageException() {
        SplittableRandom r = new SplittableRandom(7);
        byte[] valid = RaftMessageCodec.encode(full(MessageType.INSTALL_SNAPSHOT));
        for (int i = 0; i < 5000; i++) {
            byte[] b = valid.clone();
            for (int k = 0; k < 1 + r.nextInt(4); k++) {
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            try {
                RaftMessageCodec.decode(b);
            } catch (MalformedMessageException expected) {
                // fine: typed rejection
            }
        }
    }
}
