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
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * The driver thread of a few PBFT clients, standing in for the NovaCron servers that propose commands: each
 * client keeps one bundle outstanding and a proposal joins the least loaded client's next bundle. Replies arrive
 * encoded and are decoded and signature-checked here.
 */
final class PbftClientLoop implements Runnable {

    private static final long TICK_NANOS = 1_000_000;

    private record Proposal(byte[] payload, CompletableFuture<Void> committed) {
    }

    private final List<BundlingClient> clients;
    private final List<Map<Long, CompletableFuture<Void>>> pending = new ArrayList<>();
    private final Map<Long, Integer> indexByClientId = new HashMap<>();
    private final BiConsumer<Outbound, byte[]> network;
    private final Queue<Proposal> proposals = new ConcurrentLinkedQueue<>();
    private final Queue<byte[]> inbox = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    private volatile Thread thread;
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
        LockSupport.unpark(thread);
        return future;
    }

    void deliver(byte[] encodedReply) {
        inbox.add(encodedReply);
        LockSupport.unpark(thread);
    }

    long malformedReplies() {
        return malformedReplies;
    }

    long commandsCompleted() {
        return commandsCompleted;
    }

    void stop() {
        running = false;
        LockSupport.unpark(thread);
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        long nextTick = System.nanoTime() + TICK_NANOS;
        while (running) {
            boolean worked = false;
            Proposal proposal;
            while ((proposal = proposals.poll()) != null) {
                int index = leastLoaded();
                pending.get(index).put(clients.get(index).offer(proposal.payload()), proposal.committed());
                worked = true;
            }
            byte[] encoded;
            while ((encoded = inbox.poll()) != null) {
                worked = true;
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
            if (System.nanoTime() >= nextTick) {
                clients.forEach(BundlingClient::tick);
                nextTick += TICK_NANOS;
            }
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
            if (!worked) {
                LockSupport.parkNanos(nextTick - System.nanoTime()); // deliver() unparks at once
            }
        }
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
