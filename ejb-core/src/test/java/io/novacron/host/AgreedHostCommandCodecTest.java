package io.novacron.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The agreed bytes of a host change: every member must decode exactly what was proposed, or refuse. */
class AgreedHostCommandCodecTest {

    private static final Instant AT = Instant.parse("2026-11-23T12:34:56.123456Z");
    private static final HostSpec SPEC = new HostSpec("kvm-01", "eu-west", "dc1", "10.0.0.1", 32, 131_072L,
            Map.of("rack", "r7", "gpu", "none"), HostState.MAINTENANCE);

    private static AgreedHostCommand roundTrip(AgreedHostCommand agreed) {
        return AgreedHostCommandCodec.decode(AgreedHostCommandCodec.encode(agreed));
    }

    @Test
    void everyKindRoundTripsWithMicrosecondTime() {
        UUID request = UUID.randomUUID();
        AgreedHostCommand register = new AgreedHostCommand(request, "alice", AT, "h-1", new HostCommand.Register(SPEC));
        assertEquals(register, roundTrip(register));
        AgreedHostCommand update = new AgreedHostCommand(request, "bob", AT, null,
                new HostCommand.Update("h-1", new HostSpec("kvm-01", null, null, null, null, null, null, null), 4L));
        assertEquals(update, roundTrip(update));
        AgreedHostCommand blindUpdate = new AgreedHostCommand(request, "bob", AT, null,
                new HostCommand.Update("h-1", SPEC, null));
        assertEquals(blindUpdate, roundTrip(blindUpdate));
        AgreedHostCommand remove = new AgreedHostCommand(request, "carol", AT, null, new HostCommand.Remove("h-1"));
        assertEquals(remove, roundTrip(remove));
    }

    @Test
    void equalCommandsAreEqualBytesWhateverTheLabelOrder() {
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("a", "1");
        forward.put("b", "2");
        Map<String, String> backward = new LinkedHashMap<>();
        backward.put("b", "2");
        backward.put("a", "1");
        UUID request = UUID.randomUUID();
        byte[] one = AgreedHostCommandCodec.encode(new AgreedHostCommand(request, "a", AT, "h", new HostCommand.Register(
                new HostSpec("n", "r", "s", "x", 1, 1L, forward, null))));
        byte[] two = AgreedHostCommandCodec.encode(new AgreedHostCommand(request, "a", AT, "h", new HostCommand.Register(
                new HostSpec("n", "r", "s", "x", 1, 1L, backward, null))));
        assertArrayEquals(one, two);
    }

    @Test
    void refusesWhatItDoesNotUnderstandExactly() {
        byte[] valid = AgreedHostCommandCodec.encode(
                new AgreedHostCommand(UUID.randomUUID(), "a", AT, "h", new HostCommand.Register(SPEC)));
        IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class,
                () -> AgreedHostCommandCodec.decode(Arrays.copyOf(valid, valid.length - 3)));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
        IllegalArgumentException padded = assertThrows(IllegalArgumentException.class,
                () -> AgreedHostCommandCodec.decode(Arrays.copyOf(valid, valid.length + 2)));
        assertTrue(padded.getMessage().contains("2 bytes after"), padded.getMessage());
        byte[] future = valid.clone();
        future[0] = 9;
        assertThrows(IllegalArgumentException.class, () -> AgreedHostCommandCodec.decode(future));
        byte[] unknownKind = valid.clone();
        unknownKind[1] = 42;
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> AgreedHostCommandCodec.decode(unknownKind));
        assertTrue(kind.getMessage().contains("kind 42"), kind.getMessage());
    }

    @Test
    void onlyARegistrationCarriesANewHostId() {
        assertThrows(IllegalArgumentException.class, () -> new AgreedHostCommand(UUID.randomUUID(), "a", AT, null,
                new HostCommand.Register(SPEC)));
        assertThrows(IllegalArgumentException.class, () -> new AgreedHostCommand(UUID.randomUUID(), "a", AT, "h",
                new HostCommand.Remove("h")));
        AgreedHostCommand proposed = AgreedHostCommand.propose("a", AT, new HostCommand.Register(SPEC));
        assertTrue(proposed.newHostId() != null && !proposed.newHostId().isBlank());
    }
}
