package io.novacron.consensus.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One deterministic run of a protocol under faults: a pure function of the seed. Each tick it may inject
 * a fault, lets clients propose or retry, ticks every live replica, delivers due messages and drains the
 * replicas' output into the network and the checker. After {@link FaultPlan#faultTicks()} everything heals
 * and the run continues until every request reaches every correct replica.
 * <p>
 * With a {@linkplain ProtocolModel#keyValue() key-value model} clients issue {@link KvOp}s (reads offered to a
 * random replica, writes to the one that took the last write), complete when enough replicas replied with the same
 * result, and every invocation and response goes into a {@link KvHistory} that must be linearizable at the end.
 * A Byzantine replica's replies are garbled half of the time, so a client trusting fewer than f + 1 would notice.
 */
public final class Simulation<R, M> {

    private static final int RETRY_TICKS = 40;
    private static final int NETWORK_CAPACITY = 100_000;

    private final ProtocolModel<R, M> model;
    private final int replicaCount;
    private final FaultPlan faults;
    private final long seed;
    private final int clientCount;
    private final SplittableRandom random;
    private final SimNetwork<M> network;
    private final InvariantChecker checker = new InvariantChecker();
    private final List<R> replicas = new ArrayList<>();
    private final List<Object> durable = new ArrayList<>();
    private final long[] downUntilTick;
    private final Client[] clients;
    private long steps;
    private long crashes;
    private long partitions;
    private long completed;
    private final KvHistory history;
    private LinearizabilityChecker.Result linearizability;

    /** A closed-loop client: one request outstanding, retried at random replicas until it commits. */
    private static final class Client {
        final long id;
        long requestNumber;
        SimCommand outstanding;
        long lastSentTick = Long.MIN_VALUE / 2;
        int target;
        long completedAfterHeal;
        /** Key-value mode: the history entry of the outstanding request, replies so far, values last seen. */
        KvHistory.Operation operation;
        final Map<Integer, Long> replies = new HashMap<>();
        final long[] lastSeen = new long[KvOp.KEYS];

        Client(long id) {
            this.id = id;
        }
    }

    public Simulation(ProtocolModel<R, M> model, int replicaCount, FaultPlan faults, long seed, int clientCount) {
        this.model = model;
        this.replicaCount = replicaCount;
        this.faults = faults;
        this.seed = seed;
        this.clientCount = clientCount;
        this.random = new SplittableRandom(seed);
        this.network = new SimNetwork<>(random.split(), NETWORK_CAPACITY);
        this.downUntilTick = new long[replicaCount];
        this.clients = new Client[clientCount];
        this.history = model.keyValue() ? new KvHistory() : null;
        for (int i = 0; i < clientCount; i++) {
            clients[i] = new Client(i + 1);
            clients[i].target = i % replicaCount;
        }
        for (int i = 0; i < replicaCount; i++) {
            replicas.add(model.start(i, replicaCount, null, random.split()));
            durable.add(null);
            downUntilTick[i] = -1;
        }
    }

    /** Runs the whole plan; throws {@link InvariantViolation} naming the seed at the first broken property. */
    public SimulationResult run() {
        long healTick = faults.faultTicks();
        long endTick = healTick + faults.livenessTicks();
        long tick = 0;
        try {
            for (; tick < endTick; tick++) {
                boolean faultsActive = tick < healTick;
                if (tick == healTick) {
                    healEverything(tick);
                }
                if (faultsActive) {
                    injectFaults(tick);
                }
                restartDue(tick);
                network.healIfDue(tick);
                driveClients(tick);
                try {
                    step(tick, faultsActive);
                } catch (IllegalStateException coreAssertion) {
                    // A core failing its own invariant assertion is a caught violation too.
                    throw new InvariantViolation("a replica's own invariant failed: " + coreAssertion.getMessage());
                }
            }
            if (history != null) {
                // Safety first: what clients saw must be linearizable, whether or not liveness holds.
                linearizability = LinearizabilityChecker.check(history.operations());
                if (!linearizability.linearizable()) {
                    throw new InvariantViolation("linearizability: " + linearizability.explanation() + "\n ");
                }
            }
            checker.checkReplicated(correctReplicas(), endTick - faults.livenessTicks() / 2);
            requireProgressAfterHeal();
        } catch (InvariantViolation violation) {
            throw new InvariantViolation(model.name() + ": " + violation.getMessage() + " at tick " + tick
                    + "; reproduce with -Dnovacron.sim.seed=" + seed);
        }
        return new SimulationResult(model.name(), seed, endTick, steps, network.sent, network.dropped,
                network.duplicated, checker.commits, completed, crashes, partitions, checker.duplicateCommitsSuppressed,
                linearizability == null ? 0 : linearizability.operations());
    }

    private void step(long tick, boolean faultsActive) {
        for (int i = 0; i < replicaCount; i++) {
            if (isUp(i)) {
                model.tick(replicas.get(i));
                steps++;
            }
        }
        for (M message : network.due(tick)) {
            int to = model.destination(message);
            if (to >= 0 && to < replicaCount && isUp(to)) {
                model.deliver(replicas.get(to), message);
                steps++;
            }
        }
        for (int i = 0; i < replicaCount; i++) {
            if (isUp(i)) {
                drain(tick, i, faultsActive);
            }
        }
    }

    private void drain(long tick, int replica, boolean faultsActive) {
        ProtocolModel.Output<M> output = model.drain(replicas.get(replica));
        boolean correct = !faults.byzantineReplicas().contains(replica);
        if (output.snapshotThrough() >= 0 && correct) {
            checker.snapshotInstalled(replica, output.snapshotThrough());
        }
        for (ProtocolModel.Committed committed : output.committed()) {
            checker.committed(tick, replica, committed.position(), committed.command(), correct);
        }
        if (history != null) {
            for (ProtocolModel.Reply reply : model.replies(replicas.get(replica))) {
                receive(tick, replica, reply, correct);
            }
        }
        for (M message : output.messages()) {
            List<M> sent = correct ? List.of(message) : model.tamper(replica, message, random);
            for (M each : sent) {
                network.send(tick, replica, model.destination(each), each, faults, faultsActive);
            }
        }
    }

    /** A reply reaches its client; the request completes once enough replicas agree on the result. */
    private void receive(long tick, int replica, ProtocolModel.Reply reply, boolean correct) {
        if (reply.clientId() < 1 || reply.clientId() > clients.length) {
            return;
        }
        Client client = clients[(int) reply.clientId() - 1];
        if (client.outstanding == null || client.outstanding.requestNumber() != reply.requestNumber()) {
            return; // a late reply to an earlier request, or a duplicate
        }
        long result = correct || random.nextBoolean() ? reply.result() : reply.result() ^ (1 + random.nextInt(1 << 20));
        client.replies.put(replica, result);
        long matching = client.replies.values().stream().filter(r -> r == result).count();
        if (matching < model.repliesNeeded(replicaCount)) {
            return;
        }
        history.respond(client.operation, result, tick);
        KvOp op = client.operation.op();
        if (op.isRead()) {
            client.lastSeen[op.key()] = result;
        } else if (result == KvOp.OK) {
            client.lastSeen[op.key()] = op.value();
        }
        client.outstanding = null;
        completed++;
        if (tick >= faults.faultTicks()) {
            client.completedAfterHeal++;
        }
    }

    private void driveClients(long tick) {
        for (Client client : clients) {
            if (history == null && client.outstanding != null && checker.isCommitted(client.outstanding.requestKey())) {
                client.outstanding = null;
                completed++;
                if (tick >= faults.faultTicks()) {
                    client.completedAfterHeal++;
                }
            }
            if (client.outstanding == null) {
                client.requestNumber++;
                byte[] payload;
                if (history != null) {
                    // Written values are unique per request, so a read names the write it saw.
                    KvOp op = KvOp.random(random, client.id * 1_000_000_000L + client.requestNumber, client.lastSeen);
                    payload = op.encode();
                    client.operation = history.invoke(client.id, op, tick);
                    client.replies.clear();
                } else {
                    payload = new byte[8 + random.nextInt(24)];
                    random.nextBytes(payload);
                }
                client.outstanding = new SimCommand(client.id, client.requestNumber, payload);
                checker.proposed(client.outstanding);
                client.lastSentTick = Long.MIN_VALUE / 2;
            }
            if (tick - client.lastSentTick >= RETRY_TICKS) {
                client.lastSentTick = tick;
                offer(client);
            }
        }
    }

    /**
     * Offers the request to the replica that took the last one, then to the others in turn. A key-value read
     * starts at a random replica instead (clients spread reads), and does not move the client's target.
     */
    private void offer(Client client) {
        boolean read = client.operation != null && client.operation.op().isRead();
        int first = read ? random.nextInt(replicaCount) : client.target;
        for (int attempt = 0; attempt < replicaCount; attempt++) {
            int target = (first + attempt) % replicaCount;
            if (isUp(target) && model.propose(replicas.get(target), client.outstanding.encode())) {
                if (!read) {
                    client.target = target;
                }
                steps++;
                return;
            }
        }
        client.target = random.nextInt(replicaCount);
    }

    private void injectFaults(long tick) {
        if (!network.partitioned() && faults.partitionPerMille() > 0 && random.nextInt(1000) < faults.partitionPerMille()) {
            network.partition(replicaCount, tick + 1 + random.nextInt(Math.max(1, faults.partitionTicksMax())));
            partitions++;
        }
        if (faults.crashPerMille() > 0 && random.nextInt(1000) < faults.crashPerMille() && downCount() < faults.crashedMax()) {
            int victim = random.nextInt(replicaCount);
            if (isUp(victim)) {
                crash(victim, tick + 1 + random.nextInt(Math.max(1, faults.downTicksMax())));
            }
        }
    }

    private void crash(int replica, long untilTick) {
        durable.set(replica, model.durableState(replicas.get(replica)));
        replicas.set(replica, null);
        downUntilTick[replica] = untilTick;
        crashes++;
    }

    private void restartDue(long tick) {
        for (int i = 0; i < replicaCount; i++) {
            if (replicas.get(i) == null && tick >= downUntilTick[i]) {
                replicas.set(i, model.start(i, replicaCount, durable.get(i), random.split()));
                downUntilTick[i] = -1;
                checker.restarted(i);
            }
        }
    }

    private void healEverything(long tick) {
        network.heal();
        for (int i = 0; i < replicaCount; i++) {
            if (replicas.get(i) == null) {
                downUntilTick[i] = tick;
            }
        }
    }

    private void requireProgressAfterHeal() {
        if (completed == 0) {
            throw new InvariantViolation("liveness: no client request completed in the whole run");
        }
        for (Client client : clients) {
            if (client.completedAfterHeal == 0) {
                throw new InvariantViolation("liveness: client " + client.id + " completed no request in the "
                        + faults.livenessTicks() + " ticks after the faults healed (stuck on request "
                        + client.requestNumber + ")");
            }
        }
    }

    private boolean isUp(int replica) {
        return replicas.get(replica) != null;
    }

    private int downCount() {
        int down = 0;
        for (R replica : replicas) {
            if (replica == null) {
                down++;
            }
        }
        return down;
    }

    private Set<Integer> correctReplicas() {
        Set<Integer> out = new HashSet<>();
        for (int i = 0; i < replicaCount; i++) {
            if (!faults.byzantineReplicas().contains(i)) {
                out.add(i);
            }
        }
        return out;
    }
}
