package io.novacron.consensus.pbft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.novacron.consensus.pbft.PbftMessage.Reply;

/**
 * Castro–Liskov §4.1 with bundles: one outstanding request per client, commands offered meanwhile ride in the next
 * request, and a bundle's results are accepted only at f+1 matching replies, then split per command.
 */
class BundlingClientTest {

    private static final PbftConfig CONFIG = PbftConfig.defaultsFor(4);
    private final FakeKeys replicaKeys = new FakeKeys("replica");
    private final FakeKeys clientKeys = new FakeKeys("client");

    private BundlingClient client(int maxCommands, int maxBytes) {
        return new BundlingClient(new PbftClient(9, 0, CONFIG, clientKeys.signer(9), replicaKeys), maxCommands,
                maxBytes);
    }

    private Reply reply(int replica, long timestamp, List<byte[]> results) {
        Reply reply = new Reply(replica, 0, 9, timestamp, CommandBundle.encode(results), new byte[0]);
        return reply.withSignature(replicaKeys.signer(replica).sign(PbftMessageCodec.signedBytes(reply)));
    }

    private static ClientRequest onlyRequest(List<Outbound> sent) {
        assertEquals(1, sent.size(), "one request on the wire");
        return (ClientRequest) sent.get(0).message();
    }

    @Test
    void commandsOfferedWhileARequestIsOutstandingRideInTheNextOne() throws MalformedMessageException {
        BundlingClient client = client(100, 1 << 20);
        long first = client.offer(new byte[] {1});
        ClientRequest firstRequest = onlyRequest(client.takeMessages());
        assertEquals(1, CommandBundle.decode(firstRequest.operation()).size(), "idle client sends at once");

        long second = client.offer(new byte[] {2});
        long third = client.offer(new byte[] {3});
        assertTrue(client.takeMessages().isEmpty(), "§4.1: one outstanding request per client");
        assertEquals(2, client.queuedCount());

        client.step(reply(0, firstRequest.timestamp(), List.of(new byte[] {11})));
        assertTrue(client.takeResults().isEmpty(), "one reply is not f+1");
        client.step(reply(2, firstRequest.timestamp(), List.of(new byte[] {11})));
        List<BundlingClient.CommandResult> results = client.takeResults();
        assertEquals(1, results.size());
        assertEquals(first, results.get(0).ticket());
        assertArrayEquals(new byte[] {11}, results.get(0).result());

        ClientRequest secondRequest = onlyRequest(client.takeMessages());
        List<byte[]> bundled = CommandBundle.decode(secondRequest.operation());
        assertEquals(2, bundled.size());
        assertArrayEquals(new byte[] {2}, bundled.get(0));
        assertArrayEquals(new byte[] {3}, bundled.get(1));
        assertEquals(2, client.inFlightCount());

        client.step(reply(1, secondRequest.timestamp(), List.of(new byte[] {22}, new byte[] {33})));
        client.step(reply(3, secondRequest.timestamp(), List.of(new byte[] {22}, new byte[] {33})));
        List<Long> tickets = new ArrayList<>();
        client.takeResults().forEach(r -> tickets.add(r.ticket()));
        assertEquals(List.of(second, third), tickets, "results come back per command, in bundle order");
        assertEquals(0, client.inFlightCount());
    }

    @Test
    void bundlesRespectTheCommandAndByteLimits() throws MalformedMessageException {
        BundlingClient client = client(3, 10);
        client.offer(new byte[1]);
        ClientRequest first = onlyRequest(client.takeMessages());
        for (int i = 0; i < 5; i++) {
            client.offer(new byte[4]);
        }
        client.step(reply(0, first.timestamp(), List.of(new byte[0])));
        client.step(reply(1, first.timestamp(), List.of(new byte[0])));
        ClientRequest second = onlyRequest(client.takeMessages());
        assertEquals(2, CommandBundle.decode(second.operation()).size(), "8 B fit in 10 B, 12 B do not");

        BundlingClient oversized = client(3, 10);
        oversized.offer(new byte[64]);
        assertEquals(1, CommandBundle.decode(onlyRequest(oversized.takeMessages()).operation()).size(),
                "a command larger than the byte budget still goes, alone");
    }

    @Test
    void aResultBundleOfTheWrongSizeIsAnApplicationBugNotSilentlyMisassigned() {
        BundlingClient client = client(100, 1 << 20);
        client.offer(new byte[] {1});
        client.offer(new byte[] {2});
        ClientRequest first = onlyRequest(client.takeMessages());
        client.step(reply(0, first.timestamp(), List.of(new byte[0], new byte[0])));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> client.step(reply(1, first.timestamp(), List.of(new byte[0], new byte[0]))));
        assertTrue(e.getMessage().contains("of 1 commands with 2 results"), e.getMessage());
    }

    @Test
    void rejectsNonsenseLimits() {
        assertThrows(IllegalArgumentException.class, () -> client(0, 10));
        assertThrows(IllegalArgumentException.class, () -> client(10, 0));
    }
}
