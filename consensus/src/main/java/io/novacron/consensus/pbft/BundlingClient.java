package io.novacron.consensus.pbft;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link PbftClient} that carries many commands per request: commands offered while a request is outstanding
 * wait, and the next request takes all of them (up to a count and a byte budget) as one {@link CommandBundle}.
 * <p>
 * Keeps Castro–Liskov's one outstanding request per client (§4.1), which is what makes the replicas' per-client
 * timestamp de-duplication exact; throughput comes from the bundle size growing with the load, as in group commit.
 * The application on the replicas must execute a bundle's commands in order and answer with a bundle holding
 * exactly one result per command. Pure and single-threaded like the client it wraps.
 */
public final class BundlingClient {

    /** A command's result, accepted because f+1 replicas returned the same bundle of results. */
    public record CommandResult(long ticket, byte[] result) {
    }

    private final PbftClient client;
    private final int maxCommands;
    private final int maxBytes;
    private final ArrayDeque<byte[]> queued = new ArrayDeque<>();
    private final ArrayDeque<Long> queuedTickets = new ArrayDeque<>();
    private final Map<Long, List<Long>> ticketsByTimestamp = new HashMap<>();
    private List<CommandResult> results = new ArrayList<>();
    private long nextTicket;

    /**
     * Wraps {@code client}, which must have nothing outstanding and be used only through this object.
     *
     * @param maxCommands most commands in one request, at least 1
     * @param maxBytes    most command bytes in one request (a single larger command still goes alone)
     */
    public BundlingClient(PbftClient client, int maxCommands, int maxBytes) {
        if (maxCommands < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("bundle limits must be at least 1 (commands=" + maxCommands
                    + ", bytes=" + maxBytes + ")");
        }
        if (client.outstandingCount() != 0) {
            throw new IllegalArgumentException("client " + client.clientId() + " already has requests outstanding");
        }
        this.client = client;
        this.maxCommands = maxCommands;
        this.maxBytes = maxBytes;
    }

    /** Queues {@code command} (not copied: do not modify it) and returns its ticket; sends at once if idle. */
    public long offer(byte[] command) {
        long ticket = nextTicket++;
        queued.add(command);
        queuedTickets.add(ticket);
        sendIfIdle();
        return ticket;
    }

    /** Advances time for the wrapped client's retransmission timer. */
    public void tick() {
        client.tick();
    }

    /** Handles a REPLY; when f+1 match, the bundle's results are split per command and the next bundle is sent. */
    public void step(PbftMessage message) {
        client.step(message);
        for (PbftClient.Result result : client.takeResults()) {
            List<Long> tickets = ticketsByTimestamp.remove(result.timestamp());
            List<byte[]> perCommand;
            try {
                perCommand = CommandBundle.decode(result.result());
            } catch (MalformedMessageException e) {
                throw new IllegalStateException("f+1 replicas answered bundle " + result.timestamp()
                        + " with a malformed result: " + e.getMessage(), e);
            }
            if (perCommand.size() != tickets.size()) {
                throw new IllegalStateException("f+1 replicas answered bundle " + result.timestamp() + " of "
                        + tickets.size() + " commands with " + perCommand.size() + " results");
            }
            for (int i = 0; i < tickets.size(); i++) {
                results.add(new CommandResult(tickets.get(i), perCommand.get(i)));
            }
        }
        sendIfIdle();
    }

    private void sendIfIdle() {
        if (client.outstandingCount() > 0 || queued.isEmpty()) {
            return;
        }
        List<byte[]> bundle = new ArrayList<>();
        List<Long> tickets = new ArrayList<>();
        long bytes = 0;
        while (!queued.isEmpty() && bundle.size() < maxCommands
                && (bundle.isEmpty() || bytes + queued.peek().length <= maxBytes)) {
            byte[] command = queued.poll();
            bytes += command.length;
            bundle.add(command);
            tickets.add(queuedTickets.poll());
        }
        ticketsByTimestamp.put(client.submit(CommandBundle.encode(bundle)), tickets);
    }

    /** Returns and forgets the messages to send (the wrapped client's). */
    public List<Outbound> takeMessages() {
        return client.takeMessages();
    }

    /** Returns and forgets the command results accepted since the last call, in acceptance order. */
    public List<CommandResult> takeResults() {
        List<CommandResult> out = results;
        results = new ArrayList<>();
        return out;
    }

    /** Commands waiting for the outstanding request to finish. */
    public int queuedCount() {
        return queued.size();
    }

    /** Commands in the outstanding request, 0 when idle. */
    public int inFlightCount() {
        return ticketsByTimestamp.values().stream().mapToInt(List::size).sum();
    }

    /** The client id this client signs as. */
    public long clientId() {
        return client.clientId();
    }
}
