package io.novacron.consensus.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The simulated network: messages wait in a queue ordered by virtual delivery time (ties broken by send
 * order, so a run is a pure function of the seed), and may be dropped, duplicated, delayed or cut off by
 * a partition. Bounded: past {@code capacity} queued messages, new ones are dropped, as a real bounded
 * transport would.
 */
final class SimNetwork<M> {

    private record InFlight<M>(long deliverAtTick, long sequence, int from, int to, M message) {
    }

    private final PriorityQueue<InFlight<M>> queue = new PriorityQueue<>(
            Comparator.comparingLong((InFlight<M> m) -> m.deliverAtTick).thenComparingLong(m -> m.sequence));
    private final RandomGenerator random;
    private final int capacity;
    private long sequence;
    private Set<Integer> partitionSide = Set.of();
    private long partitionEndsAtTick = -1;
    long sent;
    long dropped;
    long duplicated;
    long delivered;

    SimNetwork(RandomGenerator random, int capacity) {
        this.random = random;
        this.capacity = capacity;
    }

    void send(long now, int from, int to, M message, FaultPlan faults, boolean faultsActive) {
        sent++;
        if (faultsActive && random.nextInt(1000) < faults.dropPerMille() || queue.size() >= capacity) {
            dropped++;
            return;
        }
        enqueue(now, from, to, message, faults);
        if (faultsActive && random.nextInt(1000) < faults.duplicatePerMille()) {
            duplicated++;
            enqueue(now, from, to, message, faults);
        }
    }

    private void enqueue(long now, int from, int to, M message, FaultPlan faults) {
        long delay = 1 + random.nextInt(faults.delayTicksMax());
        queue.add(new InFlight<>(now + delay, sequence++, from, to, message));
    }

    /** Messages due at this tick, without those a partition cuts (they are lost, as on a real link). */
    List<M> due(long now) {
        List<M> out = new ArrayList<>();
        while (!queue.isEmpty() && queue.peek().deliverAtTick <= now) {
            InFlight<M> next = queue.poll();
            if (cut(next.from, next.to)) {
                dropped++;
            } else {
                delivered++;
                out.add(next.message);
            }
        }
        return out;
    }

    /** Splits the replicas into two random non-empty sides until {@code untilTick}. */
    void partition(int replicaCount, long untilTick) {
        Set<Integer> side = new HashSet<>();
        int size = 1 + random.nextInt(Math.max(1, replicaCount - 1));
        while (side.size() < size) {
            side.add(random.nextInt(replicaCount));
        }
        partitionSide = side;
        partitionEndsAtTick = untilTick;
    }

    void healIfDue(long now) {
        if (partitionEndsAtTick >= 0 && now >= partitionEndsAtTick) {
            heal();
        }
    }

    void heal() {
        partitionSide = Set.of();
        partitionEndsAtTick = -1;
    }

    boolean partitioned() {
        return !partitionSide.isEmpty();
    }

    /** The smaller side of the current partition (replicas cut off from the rest). */
    Set<Integer> minoritySide(int replicaCount) {
        return partitionSide.size() * 2 <= replicaCount ? partitionSide : complement(replicaCount);
    }

    private Set<Integer> complement(int replicaCount) {
        Set<Integer> out = new HashSet<>();
        for (int i = 0; i < replicaCount; i++) {
            if (!partitionSide.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }

    private boolean cut(int from, int to) {
        return !partitionSide.isEmpty() && partitionSide.contains(from) != partitionSide.contains(to);
    }
}
