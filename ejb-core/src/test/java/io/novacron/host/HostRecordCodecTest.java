package io.novacron.host;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class HostRecordCodecTest {

    private static byte[] write(List<Host> hosts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            HostRecordCodec.write(out, hosts);
        }
        return bytes.toByteArray();
    }

    @Test
    void hostsSurviveTheRoundTripWithEveryFieldAndInIdOrder() throws IOException {
        Instant created = Instant.parse("2026-11-23T10:00:00.123Z");
        Host first = Host.register("b-id", new HostSpec("hv-02", "eu-west", "dc-1", "10.0.0.2", 32, 65536L,
                Map.of("rack", "r7", "gpu", "a100"), HostState.MAINTENANCE), created)
                .update(new HostSpec("hv-02b", "eu-west", "dc-2", "10.0.0.3", 48, 131072L, null, null),
                        created.plusSeconds(60));
        Host second = Host.register("a-id", new HostSpec("hv-01", "us-east", "dc-9", "10.9.0.1", 8, 16384L, null, null),
                created);

        byte[] bytes = write(List.of(first, second));
        List<Host> read = HostRecordCodec.read(new DataInputStream(new ByteArrayInputStream(bytes)));

        assertEquals(List.of("a-id", "b-id"), read.stream().map(Host::getId).toList());
        assertEquals(second.canonicalForm(), read.get(0).canonicalForm());
        assertEquals(first.canonicalForm(), read.get(1).canonicalForm());
        assertEquals(2, read.get(1).getVersion());
        assertEquals(first.getCreatedAt(), read.get(1).getCreatedAt());
        assertEquals(first.getUpdatedAt(), read.get(1).getUpdatedAt());
        assertArrayEquals(bytes, write(List.of(second, first)), "the order given does not change the bytes");
    }
}
