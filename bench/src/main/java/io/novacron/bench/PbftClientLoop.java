package io.novacron.bench;

import io.novacron.consensus.pbft.BundlingClient;
import io.novacron.consensus.pbft.MalformedMessageException;
import io.novacron.consensus.pbft.Outbound;
import io.novacron.consensus.pbft.PbftMessage;
import io.novacron.consensus.pbft.PbftMessageCodec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;

/**
 * The driver thread of a few PBFT clients, standing in for the NovaCron servers that propose commands: each
 * client keeps one bundle outstanding and a proposal joins the least loaded client's next bundle. Replies arrive
 * encoded and are decoded and signature-checked here.
 */
final class PbftClientLoop extends DriverLoop {


    private record Proposal(byte[] payload, CompletableFuture<Void> committed) {
    }

    private final List<BundlingClient> clients;
    private final List<Map<Long, CompletableFuture<Void>>> pending = new ArrayList<>();
    private final Map<Long, Integer> indexByClientId = new HashMap<>();
    private final BiConsumer<Outbound, byte[]> network;
    private final Queue<Proposal> proposals = new ConcurrentLinkedQueue<>();
    private final Queue<byte[]> inbox = new ConcurrentLinkedQueue<>();
    private long malformedReplies;
    private volatile long commandsCompleted;

    PbftClientLoop(List<BundlingClient> clients, BiConsumer<Outbound, byte[]> network) {
        this.clients = List.copyOf(clients);
        this.network = network;
        for (int i = 0; i < clients.size(); i++) {
            pending.add(new HashMap<>());
            indexByClientId.put(clients.get(i).clientId(), i);
        }
    }

    CompletableFuture<Void> propose(byte[] payload) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        proposals.add(new Proposal(payload, future));
        wake();
        return future;
    }

    void deliver(byte[] encodedReply) {
        inbox.add(encodedReply);
        wake();
    }

    long malformedReplies() {
        return malformedReplies;
    }

    long commandsCompleted() {
        return commandsCompleted;
    }

    @Override
    protected boolean takeInputs() {
        boolean any = false;
        Proposal proposal;
        while ((proposal = proposals.poll()) != null) {
            int index = leastLoaded();
            pending.get(index).put(clients.get(index).offer(proposal.payload()), proposal.committed());
            any = true;
        }
        byte[] encoded;
        while ((encoded = inbox.poll()) != null) {
            any = true;
            try {
                PbftMessage reply = PbftMessageCodec.decode(encoded);
                Integer index = indexByClientId.get(((PbftMessage.Reply) reply).clientId());
                if (index != null) {
                    clients.get(index).step(reply);
                }
            } catch (MalformedMessageException | ClassCastException e) {
                malformedReplies++;
            }
        }
        return any;
    }

    @Override
    protected void tick() {
        clients.forEach(BundlingClient::tick);
    }

    @Override
    protected boolean handOutputs() {
        for (int i = 0; i < clients.size(); i++) {
            for (Outbound out : clients.get(i).takeMessages()) {
                network.accept(out, PbftMessageCodec.encode(out.message()));
            }
            for (BundlingClient.CommandResult result : clients.get(i).takeResults()) {
                CompletableFuture<Void> future = pending.get(i).remove(result.ticket());
                if (future != null) {
                    future.complete(null);
                }
                commandsCompleted++; // only this thread writes it
            }
        }
        return false; // outputs are consequences of inputs and ticks, never work of their own
    }

    @Override
    protected String describe() {
        return "the clients";
    }

    private int leastLoaded() {
        int best = 0;
        for (int i = 1; i < clients.size(); i++) {
            BundlingClient candidate = clients.get(i);
            if (candidate.queuedCount() + candidate.inFlightCount()
                    < clients.get(best).queuedCount() + clients.get(best).inFlightCount()) {
                best = i;
            }
        }
        return best;
    }
}
