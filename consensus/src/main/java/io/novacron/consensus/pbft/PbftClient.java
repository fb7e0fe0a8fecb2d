package io.novacron.consensus.pbft;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.novacron.consensus.pbft.PbftMessage.Reply;
import io.novacron.crypto.SignatureVerifier;
import io.novacron.crypto.Signer;

/**
 * A PBFT client as a deterministic state machine: signs requests, sends them to the primary, re-broadcasts them to
 * every replica on timeout, and accepts a result only when f+1 replicas sent matching signed replies (§4.1).
 * <p>
 * f+1 matching replies include at least one correct replica, so a single lying replica (or f of them) cannot make
 * the client accept a wrong result. Pure like the replica: {@link #tick()} and {@link #step(PbftMessage)} in,
 * {@link #takeMessages()} and {@link #takeResults()} out. Not thread-safe.
 */
public final class PbftClient {

    /** A request's result, accepted because f+1 replicas signed the same bytes for its timestamp. */
    public record Result(long timestamp, byte[] result) {
    }

    private static final class Outstanding {
        final ClientRequest request;
        final Map<Integer, Reply> replies = new HashMap<>();
        long waitedTicks;

        Outstanding(ClientRequest request) {
            this.request = request;
        }
    }

    private final long clientId;
    private final PbftConfig config;
    private final Signer signer;
    private final SignatureVerifier replicaVerifier;
    private final TreeMap<Long, Outstanding> outstanding = new TreeMap<>();
    private List<Outbound> messages = new ArrayList<>();
    private List<Result> results = new ArrayList<>();
    private long lastTimestamp;
    private long view;
    private long invalidReplies;

    /** Creates client {@code clientId}; its timestamps start after {@code lastTimestamp} (persist it across restarts). */
    public PbftClient(long clientId, long lastTimestamp, PbftConfig config, Signer signer,
                      SignatureVerifier replicaVerifier) {
        this.clientId = clientId;
        this.lastTimestamp = lastTimestamp;
        this.config = config.validate();
        this.signer = signer;
        this.replicaVerifier = replicaVerifier;
    }

    /** Signs {@code operation} as the next request, sends it to the primary it believes in, returns its timestamp. */
    public long submit(byte[] operation) {
        ClientRequest request = ClientRequest.signed(clientId, ++lastTimestamp, operation, signer);
        outstanding.put(request.timestamp(), new Outstanding(request));
        messages.add(new Outbound(Destination.replica(config.primaryOf(view)), request));
        return request.timestamp();
    }

    /** Advances time; a request unanswered for {@code clientRetryTicks} is broadcast to every replica (§4.4). */
    public void tick() {
        for (Outstanding waiting : outstanding.values()) {
            if (++waiting.waitedTicks >= config.clientRetryTicks()) {
                waiting.waitedTicks = 0;
                messages.add(new Outbound(Destination.allReplicas(), waiting.request));
            }
        }
    }

    /** Handles a REPLY; anything else, unsigned, mis-signed or for an unknown request is dropped and counted. */
    public void step(PbftMessage message) {
        if (message.type() != MessageType.REPLY) {
            invalidReplies++;
            return;
        }
        Reply reply = (Reply) message;
        Outstanding waiting = outstanding.get(reply.timestamp());
        if (reply.clientId() != clientId || waiting == null || reply.sender() < 0
                || reply.sender() >= config.replicaCount()
                || !replicaVerifier.verify(reply.sender(), PbftMessageCodec.signedBytes(reply), reply.signature())) {
            invalidReplies++;
            return;
        }
        waiting.replies.putIfAbsent(reply.sender(), reply); // one vote per replica: a liar cannot vote twice
        Map<ByteBuffer, List<Reply>> byResult = new HashMap<>();
        for (Reply vote : waiting.replies.values()) {
            List<Reply> same = byResult.computeIfAbsent(ByteBuffer.wrap(vote.result()), r -> new ArrayList<>());
            same.add(vote);
            if (same.size() >= config.weakQuorum()) {
                outstanding.remove(reply.timestamp());
                results.add(new Result(reply.timestamp(), vote.result().clone()));
                view = Math.max(view, same.stream().mapToLong(Reply::view).min().orElse(view));
                return;
            }
        }
    }

    /** Returns and forgets the messages to send. */
    public List<Outbound> takeMessages() {
        List<Outbound> out = messages;
        messages = new ArrayList<>();
        return out;
    }

    /** Returns and forgets the results accepted since the last call, in acceptance order. */
    public List<Result> takeResults() {
        List<Result> out = results;
        results = new ArrayList<>();
        return out;
    }

    /** Number of requests still waiting for f+1 matching replies. */
    public int outstandingCount() {
        return outstanding.size();
    }

    /** Replies dropped (bad signature, unknown request, wrong client). */
    public long invalidReplies() {
        return invalidReplies;
    }

    /** The client id this client signs as. */
    public long clientId() {
        return clientId;
    }
}
