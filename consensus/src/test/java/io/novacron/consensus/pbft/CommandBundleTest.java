package io.novacron.consensus.pbft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The bundle encoding is decoded strictly: a committed bundle comes from a client nobody has to trust. */
class CommandBundleTest {

    @Test
    void roundTripsCommandsInOrderIncludingEmptyOnes() throws MalformedMessageException {
        List<byte[]> commands = List.of(new byte[] {1, 2, 3}, new byte[0], new byte[1024]);
        List<byte[]> decoded = CommandBundle.decode(CommandBundle.encode(commands));
        assertEquals(3, decoded.size());
        for (int i = 0; i < commands.size(); i++) {
            assertArrayEquals(commands.get(i), decoded.get(i), "command " + i);
        }
        assertTrue(CommandBundle.decode(CommandBundle.encode(List.of())).isEmpty());
    }

    @Test
    void rejectsTruncatedPaddedAndLyingEncodings() {
        byte[] valid = CommandBundle.encode(List.of(new byte[] {7, 7}, new byte[] {9}));
        assertThrows(MalformedMessageException.class, () -> CommandBundle.decode(new byte[2]));
        assertThrows(MalformedMessageException.class,
                () -> CommandBundle.decode(Arrays.copyOf(valid, valid.length - 1)));
        assertThrows(MalformedMessageException.class,
                () -> CommandBundle.decode(Arrays.copyOf(valid, valid.length + 1)));
        byte[] hugeCount = valid.clone();
        ByteBuffer.wrap(hugeCount).putInt(Integer.MAX_VALUE);
        assertThrows(MalformedMessageException.class, () -> CommandBundle.decode(hugeCount));
        byte[] negativeLength = valid.clone();
        ByteBuffer.wrap(negativeLength).putInt(4, -5);
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> CommandBundle.decode(negativeLength));
        assertTrue(e.getMessage().contains("bad length -5"), e.getMessage());
    }
}
