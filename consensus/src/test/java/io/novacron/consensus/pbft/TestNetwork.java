package io.novacron.consensus.pbft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import io.novacron.consensus.log.LogStore;
import io.novacron.consensus.log.MemoryLogStore;
import io.novacron.crypto.SignatureVerifier;
import io.novacron.crypto.Signer;

/**
 * In-test network of PBFT replicas and clients: a message queue, drop/isolate/crash helpers, ticks, and a safety
 * checker (no two correct replicas execute different batches at one sequence number).
 * <p>
 * Every delivery goes through {@link PbftMessageCodec} so the codec is exercised on real traffic. The full
 * random-fault simulator is a separate component; this is the minimum to drive the cores in unit tests.
 */
final class TestNetwork {

    /** A message in flight. {@code from} is a replica id, or -1 - clientId for a client. */
    record Envelope(long from, Destination to, PbftMessage message) {
    }

    final PbftConfig config;
    final PbftReplica[] replicas;
    final CounterApplication[] applications;
    final Map<Long, PbftClient> clients = new HashMap<>();
    final Map<Long, List<PbftClient.Result>> results = new HashMap<>();
    final List<Map<Long, byte[]>> executedDigests = new ArrayList<>();
    final List<List<CommittedBatch>> committed = new ArrayList<>();
    final List<List<StableCheckpoint>> stable = new ArrayList<>();
    final Set<Integer> crashed = new HashSet<>();
    final Set<Integer> isolated = new HashSet<>();
    final Set<Integer> byzantine = new HashSet<>();
    final Map<Integer, Signer> replicaSigners = new HashMap<>();
    final SignatureVerifier replicaVerifier;
    final SignatureVerifier clientVerifier;
    private final Map<Long, Signer> clientSigners = new HashMap<>();
    private final ArrayDeque<Envelope> queue = new ArrayDeque<>();
    Predicate<Envelope> drop = e -> false;
    /** Rewrites what a (Byzantine) replica sends; identity by default. */
    Function<Envelope, List<Envelope>> interceptor = List::of;
    SplittableRandom random;
    long delivered;
    /** Deliver in a bounded random order instead of FIFO (seeded by {@link #random}). */
    boolean shuffled;
    /** Per replica, the log its journal persists to; null until {@link #journaled}. */
    LogStore[] logs;
    PbftJournal[] journals;

    TestNetwork(PbftConfig config) {
        this(config, new FakeKeys("replica"), new FakeKeys("client"), null, 1L);
    }

    TestNetwork(PbftConfig config, SignatureVerifier replicaKeys, FakeKeys clientKeys, Map<Integer, Signer> signers,
                long seed) {
        this.config = config;
        this.replicaVerifier = replicaKeys;
        this.clientVerifier = clientKeys;
        this.random = new SplittableRandom(seed);
        int n = config.replicaCount();
        replicas = new PbftReplica[n];
        applications = new CounterApplication[n];
        for (int i = 0; i < n; i++) {
            Signer signer = signers != null ? signers.get(i) : ((FakeKeys) replicaKeys).signer(i);
            replicaSigners.put(i, signer);
            replicas[i] = new PbftReplica(i, config, signer, replicaVerifier, clientVerifier,
                    new SplittableRandom(seed * 31 + i));
            applications[i] = new CounterApplication();
            executedDigests.add(new TreeMap<>());
            committed.add(new ArrayList<>());
            stable.add(new ArrayList<>());
        }
        clientKeysFactory = clientKeys;
    }

    private final FakeKeys clientKeysFactory;

    /** Makes every replica persist each Ready through a {@link PbftJournal} on {@code logs.apply(id)} before acting. */
    TestNetwork journaled(IntFunction<LogStore> logFactory) {
        logs = new LogStore[replicas.length];
        journals = new PbftJournal[replicas.length];
        for (int i = 0; i < replicas.length; i++) {
            logs[i] = logFactory.apply(i);
            try {
                journals[i] = PbftJournal.open(logs[i]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    /** Journals on {@link MemoryLogStore}s. */
    TestNetwork journaled() {
        return journaled(i -> new MemoryLogStore());
    }

    /**
     * Crash and restart of replica {@code i}: its memory log loses what was not synced, the replica is rebuilt from
     * what its journal recovers and its application starts from the initial state (the restart contract).
     */
    PbftReplica restart(int i) {
        ((MemoryLogStore) logs[i]).crash();
        return restartFrom(i, logs[i]);
    }

    /** Restarts replica {@code i} from {@code log} (a reopened file log, say). */
    PbftReplica restartFrom(int i, LogStore log) {
        try {
            logs[i] = log;
            journals[i] = PbftJournal.open(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        replicas[i] = PbftReplica.restore(i, config, replicaSigners.get(i), replicaVerifier, clientVerifier,
                new SplittableRandom(random.nextLong()), journals[i].recovered());
        applications[i] = new CounterApplication();
        crashed.remove(i);
        drain();
        return replicas[i];
    }

    PbftClient client(long clientId) {
        return clients.computeIfAbsent(clientId, id -> {
            Signer signer = clientKeysFactory.signer(id);
            clientSigners.put(id, signer);
            return new PbftClient(id, 0, config, signer, replicaVerifier);
        });
    }

    Signer clientSigner(long clientId) {
        client(clientId);
        return clientSigners.get(clientId);
    }

    long submit(long clientId, String operation) {
        long timestamp = client(clientId).submit(operation.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        drain();
        return timestamp;
    }

    /** Injects a message as if {@code from} had sent it. */
    void inject(long from, Destination to, PbftMessage message) {
        queue.add(new Envelope(from, to, message));
    }

    /** Delivers queued messages in FIFO order (or random order when {@code shuffled}) until quiet or the bound. */
    void deliverAll(int maxDeliveries, boolean shuffled) {
        drain();
        for (int i = 0; i < maxDeliveries && !queue.isEmpty(); i++) {
            Envelope envelope = shuffled ? takeRandom() : queue.poll();
            deliver(envelope);
            drain();
        }
    }

    void deliverAll() {
        deliverAll(1_000_000, shuffled);
    }

    private Envelope takeRandom() {
        int index = random.nextInt(Math.min(queue.size(), 8)); // bounded reordering
        List<Envelope> head = new ArrayList<>();
        for (int i = 0; i <= index; i++) {
            head.add(queue.poll());
        }
        Envelope picked = head.remove(index);
        for (int i = head.size() - 1; i >= 0; i--) {
            queue.addFirst(head.get(i));
        }
        return picked;
    }

    /** Ticks every live replica and client {@code ticks} times, delivering all traffic after each tick. */
    void tick(int ticks) {
        for (int t = 0; t < ticks; t++) {
            for (int i = 0; i < replicas.length; i++) {
                if (!crashed.contains(i)) {
                    replicas[i].tick();
                }
            }
            clients.values().forEach(PbftClient::tick);
            deliverAll();
        }
    }

    /** Runs until every client has no outstanding request, or fails after {@code maxTicks}. */
    void runUntilClientsDone(int maxTicks) {
        deliverAll();
        for (int t = 0; t < maxTicks; t++) {
            if (clients.values().stream().allMatch(c -> c.outstandingCount() == 0)) {
                return;
            }
            tick(1);
        }
        fail("clients still waiting after " + maxTicks + " ticks; statuses " + statuses());
    }

    List<PbftStatus> statuses() {
        List<PbftStatus> out = new ArrayList<>();
        for (PbftReplica replica : replicas) {
            out.add(replica.status());
        }
        return out;
    }

    private void deliver(Envelope envelope) {
        if (drop.test(envelope)) {
            return;
        }
        PbftMessage copy = roundTrip(envelope.message());
        switch (envelope.to().kind()) {
            case ALL_REPLICAS -> {
                for (int i = 0; i < replicas.length; i++) {
                    if (i != envelope.from()) {
                        deliverTo(envelope.from(), i, copy);
                    }
                }
            }
            case REPLICA -> deliverTo(envelope.from(), (int) envelope.to().id(), copy);
            case CLIENT -> {
                PbftClient client = clients.get(envelope.to().id());
                if (client != null && !(envelope.from() >= 0 && isolated.contains((int) envelope.from()))) {
                    client.step(copy);
                }
            }
            default -> fail("unknown destination " + envelope.to());
        }
    }

    private void deliverTo(long from, int to, PbftMessage message) {
        boolean cut = from >= 0 && (isolated.contains((int) from) || isolated.contains(to));
        if (crashed.contains(to) || cut || (from >= 0 && crashed.contains((int) from))) {
            return;
        }
        delivered++;
        replicas[to].step(message);
    }

    private static PbftMessage roundTrip(PbftMessage message) {
        try {
            return PbftMessageCodec.decode(PbftMessageCodec.encode(message));
        } catch (MalformedMessageException e) {
            throw new AssertionError("codec failed on " + message.type(), e);
        }
    }

    /** Collects every replica's and client's output, playing the driver's role per the Ready contract. */
    void drain() {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int i = 0; i < replicas.length; i++) {
                if (crashed.contains(i)) {
                    continue;
                }
                while (replicas[i].hasReady()) {
                    progress = true;
                    handle(i, replicas[i].ready());
                }
            }
            for (PbftClient client : clients.values()) {
                for (Outbound out : client.takeMessages()) {
                    progress = true;
                    queue.add(new Envelope(-1 - client.clientId(), out.to(), out.message()));
                }
                List<PbftClient.Result> accepted = client.takeResults();
                results.computeIfAbsent(client.clientId(), c -> new ArrayList<>()).addAll(accepted);
            }
        }
    }

    private void handle(int i, Ready ready) {
        // 1. persist (only when journaled), 2. install state, 3. send, 4. execute in order, 5. replies.
        if (journals != null) {
            try {
                journals[i].persist(ready);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        ready.installState().ifPresent(state -> applications[i].load(state.applicationSnapshot()));
        for (Outbound out : ready.messages()) {
            Envelope envelope = new Envelope(i, out.to(), out.message());
            queue.addAll(byzantine.contains(i) ? interceptor.apply(envelope) : List.of(envelope));
        }
        for (CommittedBatch batch : ready.committed()) {
            recordExecution(i, batch);
            List<byte[]> out = applications[i].apply(batch.requests());
            replicas[i].executed(batch.sequence(), out);
            if (batch.checkpointDue()) {
                replicas[i].checkpointed(batch.sequence(), applications[i].snapshot());
            }
        }
        for (Outbound out : ready.replies()) {
            Envelope envelope = new Envelope(i, out.to(), out.message());
            queue.addAll(byzantine.contains(i) ? interceptor.apply(envelope) : List.of(envelope));
        }
        stable.get(i).addAll(ready.stableCheckpoints());
        replicas[i].advance(ready);
    }

    private void recordExecution(int replica, CommittedBatch batch) {
        committed.get(replica).add(batch);
        byte[] before = executedDigests.get(replica).put(batch.sequence(), batch.batchDigest());
        if (before != null && !Arrays.equals(before, batch.batchDigest())) {
            fail("replica " + replica + " executed a different batch at sequence " + batch.sequence()
                    + " after a restart");
        }
    }

    /** Safety: correct replicas never execute different batches at the same sequence number. */
    void assertAgreement(String context) {
        Map<Long, byte[]> reference = new HashMap<>();
        Map<Long, Integer> referenceReplica = new HashMap<>();
        for (int i = 0; i < replicas.length; i++) {
            if (byzantine.contains(i)) {
                continue;
            }
            for (Map.Entry<Long, byte[]> entry : executedDigests.get(i).entrySet()) {
                byte[] other = reference.putIfAbsent(entry.getKey(), entry.getValue());
                referenceReplica.putIfAbsent(entry.getKey(), i);
                if (other != null && !Arrays.equals(other, entry.getValue())) {
                    fail(context + ": replicas " + referenceReplica.get(entry.getKey()) + " and " + i
                            + " executed different batches at sequence " + entry.getKey());
                }
            }
        }
    }

    void assertSameApplicationState(int a, int b) {
        assertArrayEquals(applications[a].snapshot(), applications[b].snapshot(),
                "application state of replicas " + a + " and " + b);
    }

    int queued() {
        return queue.size();
    }
}
