package io.novacron.consensus.pbft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.novacron.consensus.pbft.PbftMessage.Reply;

/** Castro–Liskov §4.1: the client waits for f+1 replies with the same result from distinct replicas. */
class PbftClientTest {

    private static final PbftConfig CONFIG = PbftConfig.defaultsFor(4);
    private final FakeKeys replicaKeys = new FakeKeys("replica");
    private final FakeKeys clientKeys = new FakeKeys("client");

    private Reply reply(int replica, long timestamp, String result) {
        Reply reply = new Reply(replica, 0, 5, timestamp, result.getBytes(StandardCharsets.UTF_8), new byte[0]);
        return reply.withSignature(replicaKeys.signer(replica).sign(PbftMessageCodec.signedBytes(reply)));
    }

    @Test
    void singleLyingReplicaCannotFoolTheClient() {
        PbftClient client = new PbftClient(5, 0, CONFIG, clientKeys.signer(5), replicaKeys);
        long timestamp = client.submit("get x".getBytes(StandardCharsets.UTF_8));
        List<Outbound> sent = client.takeMessages();
        assertEquals(Destination.replica(0), sent.get(0).to(), "first to the primary of view 0");

        client.step(reply(3, timestamp, "x=666"));
        client.step(reply(3, timestamp, "x=666")); // a second vote by the same liar does not count
        client.step(reply(1, timestamp, "x=1"));
        assertTrue(client.takeResults().isEmpty(), "no f+1 matching replies yet");

        Reply forged = new Reply(2, 0, 5, timestamp, "x=666".getBytes(StandardCharsets.UTF_8), new byte[0]);
        client.step(forged.withSignature(replicaKeys.signer(3).sign(PbftMessageCodec.signedBytes(forged))));
        assertTrue(client.takeResults().isEmpty(), "a reply forged in replica 2's name is not a vote");
        assertEquals(1, client.invalidReplies());

        client.step(reply(2, timestamp, "x=1"));
        List<PbftClient.Result> results = client.takeResults();
        assertEquals(1, results.size());
        assertArrayEquals("x=1".getBytes(StandardCharsets.UTF_8), results.get(0).result());
        assertEquals(0, client.outstandingCount());
    }

    @Test
    void unansweredRequestIsBroadcastAfterRetryTicks() {
        PbftClient client = new PbftClient(5, 0, CONFIG, clientKeys.signer(5), replicaKeys);
        client.submit("op".getBytes(StandardCharsets.UTF_8));
        client.takeMessages();
        for (int tick = 0; tick < CONFIG.clientRetryTicks() - 1; tick++) {
            client.tick();
        }
        assertTrue(client.takeMessages().isEmpty());
        client.tick();
        assertEquals(Destination.allReplicas(), client.takeMessages().get(0).to());
    }
}
