package io.novacron.consensus.raft;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * A cluster membership: who votes and who only receives the log.
 * Kept as sorted immutable sets so two nodes with the same membership compare and print the same.
 *
 * @param voters   nodes counted in quorums
 * @param learners nodes that replicate but never vote nor count (dissertation §4.2.1 catch-up)
 */
public record ConfState(Set<Integer> voters, Set<Integer> learners) {

    /** No members at all: the base of a log that has never been configured. */
    public static final ConfState EMPTY = new ConfState(Set.of(), Set.of());

    public ConfState {
        // Set.copyOf would iterate in an order salted per JVM, so message order (and a simulation seed's
        // replay) would change from run to run; keep the sorted order.
        voters = Collections.unmodifiableSet(new TreeSet<>(voters));
        learners = Collections.unmodifiableSet(new TreeSet<>(learners));
        for (int id : learners) {
            if (voters.contains(id)) {
                throw new IllegalArgumentException("node " + id + " cannot be both voter and learner");
            }
        }
    }

    /** Whether the node is a voter or a learner. */
    public boolean contains(int id) {
        return voters.contains(id) || learners.contains(id);
    }

    /** The membership after applying one single-server change (dissertation §4.1). */
    public ConfState apply(ConfChange change) {
        Set<Integer> v = new TreeSet<>(voters);
        Set<Integer> l = new TreeSet<>(learners);
        switch (change.type()) {
            case ADD_VOTER -> {
                l.remove(change.nodeId());
                v.add(change.nodeId());
            }
            case ADD_LEARNER -> {
                v.remove(change.nodeId());
                l.add(change.nodeId());
            }
            case REMOVE_NODE -> {
                v.remove(change.nodeId());
                l.remove(change.nodeId());
            }
            default -> throw new IllegalStateException("unknown change " + change.type());
        }
        return new ConfState(v, l);
    }

    @Override
    public String toString() {
        return "voters=" + new TreeSet<>(voters) + " learners=" + new TreeSet<>(learners);
    }
}
