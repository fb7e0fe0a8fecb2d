package io.novacron.consensus.raft;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * A tiny in-process network of {@link RaftNode}s driven only through tick/step/ready/advance, with a safety
 * checker run after every step. It is the seed of the deterministic simulator: one seed drives every choice.
 */
final class TestCluster {

    /** Thrown when the checker sees two nodes disagree; distinct from assertion failures in test code. */
    static final class SafetyViolation extends AssertionError {
        SafetyViolation(String message) {
            super(message);
        }
    }

    private final Map<Integer, RaftConfig> configs = new TreeMap<>();
    private final Map<Integer, RaftNode> nodes = new TreeMap<>();
    private final Map<Integer, MemoryStorage> storage = new TreeMap<>();
    /** Per node: the application state machine, the key of every applied entry in index order. */
    private final Map<Integer, List<String>> applied = new TreeMap<>();
    private final Map<Long, String> appliedAnywhere = new HashMap<>();
    private final Map<Long, Integer> leaderOfTerm = new HashMap<>();
    private final List<RaftMessage> inFlight = new ArrayList<>();
    private final Set<Integer> isolated = new HashSet<>();
    /** Nodes whose driver breaks the contract: it acknowledges entries it never makes durable. */
    private final Set<Integer> skipPersistEntries = new HashSet<>();
    private final Map<Integer, List<ReadState>> readStates = new TreeMap<>();
    /** Per read context: the highest index known committed anywhere when the read was requested. */
    private final Map<String, Long> committedAtReadRequest = new HashMap<>();
    private long maxCommitSeen;
    private final Set<Long> cutLinks = new HashSet<>();
    private final SplittableRandom networkRandom;
    private final long seed;
    private final QuorumRule quorumRule;
    private double dropRate;
    private double duplicateRate;
    private boolean reorder;
    /** Optional interceptor: return false to drop a message (tests use it to stage precise scenarios). */
    private Predicate<RaftMessage> filter = m -> true;

    TestCluster(long seed, QuorumRule quorumRule) {
        this.seed = seed;
        this.networkRandom = new SplittableRandom(seed);
        this.quorumRule = quorumRule;
    }

    /** A cluster of voters 1..n with default settings. */
    static TestCluster of(int n, long seed) {
        return of(n, seed, id -> RaftConfig.defaults(id, ids(n)));
    }

    static TestCluster of(int n, long seed, IntFunction<RaftConfig> configFor) {
        TestCluster c = new TestCluster(seed, QuorumRule.majority());
        for (int id = 1; id <= n; id++) {
            c.add(configFor.apply(id));
        }
        return c;
    }

    static Set<Integer> ids(int n) {
        Set<Integer> s = new HashSet<>();
        for (int i = 1; i <= n; i++) {
            s.add(i);
        }
        return s;
    }

    void add(RaftConfig config) {
        configs.put(config.id(), config);
        storage.put(config.id(), new MemoryStorage());
        applied.put(config.id(), new ArrayList<>());
        nodes.put(config.id(), newNode(config.id()));
    }

    private RaftNode newNode(int id) {
        // Each node's generator is derived from the cluster seed so runs replay exactly.
        RandomGenerator r = new SplittableRandom(seed * 31 + id);
        return new RaftNode(configs.get(id), storage.get(id).load(), r, quorumRule);
    }

    RaftNode node(int id) {
        return nodes.get(id);
    }

    Set<Integer> nodeIds() {
        return nodes.keySet();
    }

    MemoryStorage storage(int id) {
        return storage.get(id);
    }

    List<String> applied(int id) {
        return applied.get(id);
    }

    /** The applied NORMAL, non-empty commands of a node as strings. */
    List<String> commands(int id) {
        List<String> out = new ArrayList<>();
        for (String key : applied.get(id)) {
            String[] parts = key.split(":", -1);
            if (parts[1].equals("NORMAL") && !parts[2].isEmpty()) {
                out.add(new String(HexFormat.of().parseHex(parts[2]), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    void setDropRate(double rate) {
        dropRate = rate;
    }

    void setDuplicateRate(double rate) {
        duplicateRate = rate;
    }

    void setReorder(boolean on) {
        reorder = on;
    }

    void setFilter(Predicate<RaftMessage> f) {
        filter = f;
    }

    void isolate(int id) {
        isolated.add(id);
    }

    void heal() {
        isolated.clear();
        cutLinks.clear();
    }

    void cut(int a, int b) {
        cutLinks.add(link(a, b));
        cutLinks.add(link(b, a));
    }

    private static long link(int from, int to) {
        return ((long) from << 32) | (to & 0xffffffffL);
    }

    /** Simulates a crash: volatile state and undelivered messages to it are lost, storage survives. */
    void crash(int id) {
        nodes.remove(id);
        inFlight.removeIf(m -> m.to() == id || m.from() == id);
    }

    /** Restarts a crashed node from its storage; its application state is rebuilt from snapshot and log. */
    void restart(int id) {
        PersistentState ps = storage.get(id).load();
        applied.put(id, decodeAppState(ps.snapshot().data(), ps.snapshot().index()));
        nodes.put(id, newNode(id));
        drain(id);
    }

    void tickAll() {
        for (RaftNode n : List.copyOf(nodes.values())) {
            n.tick();
            drain(n.id());
        }
    }

    void tick(int id, int times) {
        for (int i = 0; i < times; i++) {
            node(id).tick();
            drain(id);
        }
    }

    /** Ticks only {@code id} until it stops being a follower, then lets the network settle. */
    void campaign(int id) {
        for (int i = 0; i < 100 && node(id).status().role() == StateRole.FOLLOWER; i++) {
            tick(id, 1);
        }
        deliverAll();
    }

    /** Elects {@code id} from a fresh cluster and settles; returns it for chaining. */
    int elect(int id) {
        // A first campaign can lose to votes already cast in the current term; the next term is free.
        campaign(id);
        for (int t = 0; t < 200 && node(id).status().role() != StateRole.LEADER; t++) {
            tick(id, 1);
            deliverAll();
        }
        if (node(id).status().role() != StateRole.LEADER) {
            throw new AssertionError("node " + id + " failed to become leader: " + node(id).status());
        }
        return id;
    }

    /** Delivers messages until the network is quiet (bounded, so a livelock fails instead of hanging). */
    void deliverAll() {
        for (int steps = 0; steps < 1_000_000; steps++) {
            nodes.keySet().forEach(this::drain);
            if (inFlight.isEmpty()) {
                return;
            }
            int pick = reorder ? networkRandom.nextInt(inFlight.size()) : 0;
            deliver(inFlight.remove(pick));
        }
        throw new AssertionError("network did not quiesce; reproduce with seed=" + seed);
    }

    /** Delivers exactly the messages in flight now, not the ones they cause. */
    void deliverOneRound() {
        nodes.keySet().forEach(this::drain);
        List<RaftMessage> round = new ArrayList<>(inFlight);
        inFlight.clear();
        round.forEach(this::deliver);
        nodes.keySet().forEach(this::drain);
    }

    private void deliver(RaftMessage m) {
        RaftNode to = nodes.get(m.to());
        if (to == null) {
            return;
        }
        to.step(m);
        drain(m.to());
    }

    long propose(int id, String command) {
        try {
            long index = node(id).propose(command.getBytes(StandardCharsets.UTF_8));
            drain(id);
            return index;
        } catch (NotLeaderException | ProposalRejectedException e) {
            throw new AssertionError(e);
        }
    }

    /** Handles every Ready of one node following the contract: persist, send, apply, advance. */
    void drain(int id) {
        RaftNode n = nodes.get(id);
        for (int guard = 0; n != null && n.hasReady() && guard < 1000; guard++) {
            Ready rd = n.ready();
            if (skipPersistEntries.contains(id)) {
                // Term and vote are kept (so elections stay sane); the commit index cannot outrun the stored log.
                long stored = storage.get(id).load().entries().size() + storage.get(id).load().snapshot().index();
                var hs = rd.hardState().map(h -> new HardState(h.term(), h.votedFor(), Math.min(h.commitIndex(), stored)));
                storage.get(id).persist(new Ready(hs, List.of(), rd.snapshot(), List.of(), List.of(), List.of()));
            } else {
                storage.get(id).persist(rd);
            }
            readStates.computeIfAbsent(id, k -> new ArrayList<>()).addAll(rd.readStates());
            rd.readStates().forEach(this::checkLinearizableRead);
            rd.messages().forEach(this::send);
            rd.snapshot().ifPresent(s -> applied.put(id, decodeAppState(s.data(), s.index())));
            for (Entry e : rd.committedEntries()) {
                apply(id, e);
            }
            n.advance(rd);
            checkElectionSafety(n);
            maxCommitSeen = Math.max(maxCommitSeen, n.status().commitIndex());
        }
    }

    private void send(RaftMessage m) {
        boolean blocked = isolated.contains(m.from()) || isolated.contains(m.to()) || cutLinks.contains(link(m.from(), m.to()));
        if (blocked || !filter.test(m) || (dropRate > 0 && networkRandom.nextDouble() < dropRate)) {
            return;
        }
        inFlight.add(m);
        if (duplicateRate > 0 && networkRandom.nextDouble() < duplicateRate) {
            inFlight.add(m);
        }
    }

    List<RaftMessage> inFlight() {
        return inFlight;
    }

    private void apply(int id, Entry e) {
        List<String> state = applied.get(id);
        if (e.index() != state.size() + 1) {
            throw new SafetyViolation("node " + id + " applied index " + e.index() + " after " + state.size() + "; seed=" + seed);
        }
        String key = key(e);
        state.add(key);
        String other = appliedAnywhere.putIfAbsent(e.index(), key);
        if (other != null && !other.equals(key)) {
            throw new SafetyViolation("State Machine Safety (Raft §5.4.3): index " + e.index() + " applied as " + other
                    + " elsewhere but as " + key + " on node " + id + "; reproduce with seed=" + seed);
        }
    }

    /** Requests a read on {@code id} and remembers what was committed at that moment, to check the answer. */
    void requestRead(int id, String context) throws NotLeaderException, ProposalRejectedException {
        committedAtReadRequest.put(context, maxCommitSeen);
        node(id).readIndex(context.getBytes(StandardCharsets.UTF_8));
        drain(id);
    }

    private void checkLinearizableRead(ReadState rs) {
        Long committedBefore = committedAtReadRequest.get(new String(rs.requestContext(), StandardCharsets.UTF_8));
        if (committedBefore != null && rs.index() < committedBefore) {
            throw new SafetyViolation("Linearizable read (dissertation §6.4): read index " + rs.index()
                    + " misses index " + committedBefore + " committed before the read began; reproduce with seed=" + seed);
        }
    }

    private void checkElectionSafety(RaftNode n) {
        Status s = n.status();
        if (s.role() != StateRole.LEADER) {
            return;
        }
        Integer other = leaderOfTerm.putIfAbsent(s.term(), s.id());
        if (other != null && other != s.id()) {
            throw new SafetyViolation("Election Safety (Raft §5.2): nodes " + other + " and " + s.id() + " both led term "
                    + s.term() + "; reproduce with seed=" + seed);
        }
    }

    static String key(Entry e) {
        return e.term() + ":" + e.type() + ":" + HexFormat.of().formatHex(e.data());
    }

    /** The application's snapshot: its applied keys, newline separated. */
    Snapshot snapshotAndCompact(int id) {
        List<String> state = applied.get(id);
        byte[] data = String.join("\n", state).getBytes(StandardCharsets.UTF_8);
        Snapshot s = node(id).compact(state.size(), data);
        storage.get(id).compact(s);
        return s;
    }

    private List<String> decodeAppState(byte[] data, long index) {
        List<String> state = new ArrayList<>();
        if (index > 0) {
            state.addAll(Arrays.asList(new String(data, StandardCharsets.UTF_8).split("\n", -1)));
        }
        if (state.size() != index) {
            throw new SafetyViolation("snapshot at " + index + " holds " + state.size() + " entries");
        }
        for (int i = 0; i < state.size(); i++) {
            String other = appliedAnywhere.putIfAbsent((long) i + 1, state.get(i));
            if (other != null && !other.equals(state.get(i))) {
                throw new SafetyViolation("snapshot disagrees at index " + (i + 1) + "; seed=" + seed);
            }
        }
        return state;
    }

    /** The only leader among live nodes with the highest term, or NONE. */
    int leader() {
        int best = RaftNode.NONE;
        long bestTerm = -1;
        for (RaftNode n : nodes.values()) {
            Status s = n.status();
            if (s.role() == StateRole.LEADER && s.term() > bestTerm) {
                best = s.id();
                bestTerm = s.term();
            }
        }
        return best;
    }

    Map<Integer, Status> statuses() {
        Map<Integer, Status> out = new LinkedHashMap<>();
        nodes.forEach((id, n) -> out.put(id, n.status()));
        return out;
    }

    /** Mounts a prepared disk on node {@code id} and restarts it from it. */
    void load(int id, PersistentState ps) {
        crash(id);
        storage.get(id).reset(ps);
        restart(id);
    }

    void skipPersistingEntries(int id) {
        skipPersistEntries.add(id);
    }

    List<ReadState> readStates(int id) {
        return readStates.getOrDefault(id, List.of());
    }

    long seed() {
        return seed;
    }
}
