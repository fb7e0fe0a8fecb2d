package io.novacron.consensus.sim;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks, after every step, what correct replicas committed: agreement (no two commit different commands
 * at one position), validity (only proposed commands commit), per-replica order, and exactly-once effects
 * through a session-deduplicating state machine. At the end it checks liveness.
 */
final class InvariantChecker {

    private final Map<Long, SimCommand> agreed = new HashMap<>();
    private final Map<String, SimCommand> proposed = new HashMap<>();
    private final Map<Integer, Long> lastPosition = new HashMap<>();
    private final Map<Integer, Map<Long, Long>> appliedRequestNumber = new HashMap<>();
    private final Map<String, Set<Integer>> committedAt = new HashMap<>();
    private final Map<String, Long> firstCommittedTick = new HashMap<>();
    long commits;
    long duplicateCommitsSuppressed;

    void proposed(SimCommand command) {
        proposed.putIfAbsent(command.requestKey(), command);
    }

    boolean isCommitted(String requestKey) {
        return firstCommittedTick.containsKey(requestKey);
    }

    void restarted(int replica) {
        lastPosition.remove(replica);
        appliedRequestNumber.remove(replica);
    }

    void committed(long tick, int replica, long position, byte[] bytes, boolean correct) {
        if (!correct) {
            return;
        }
        SimCommand command;
        try {
            command = SimCommand.decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new InvariantViolation("validity: replica " + replica + " committed bytes no client proposed at "
                    + position + " (tick " + tick + ")");
        }
        SimCommand original = proposed.get(command.requestKey());
        if (original == null || !original.equals(command)) {
            throw new InvariantViolation("validity: replica " + replica + " committed " + command + " at " + position
                    + " which no client proposed in that form (tick " + tick + ")");
        }
        SimCommand first = agreed.putIfAbsent(position, command);
        if (first != null && !first.equals(command)) {
            throw new InvariantViolation("agreement: at position " + position + " replica " + replica + " committed "
                    + command + " but another correct replica committed " + first + " (tick " + tick + ")");
        }
        Long last = lastPosition.put(replica, position);
        if (last != null && position <= last) {
            throw new InvariantViolation("order: replica " + replica + " committed position " + position + " after "
                    + last + " (tick " + tick + ")");
        }
        apply(replica, command);
        commits++;
        committedAt.computeIfAbsent(command.requestKey(), k -> new HashSet<>()).add(replica);
        firstCommittedTick.putIfAbsent(command.requestKey(), tick);
    }

    /** A snapshot brought the replica's state up to {@code position}: it holds every agreed command up to there. */
    void snapshotInstalled(int replica, long position) {
        Map<Long, Long> sessions = appliedRequestNumber.computeIfAbsent(replica, r -> new HashMap<>());
        sessions.clear();
        for (Map.Entry<Long, SimCommand> entry : agreed.entrySet()) {
            if (entry.getKey() <= position) {
                SimCommand command = entry.getValue();
                sessions.merge(command.clientId(), command.requestNumber(), Math::max);
                committedAt.computeIfAbsent(command.requestKey(), k -> new HashSet<>()).add(replica);
            }
        }
        lastPosition.put(replica, position);
    }

    /** The replica's state machine: a request takes effect once; a re-committed retry is suppressed. */
    private void apply(int replica, SimCommand command) {
        Map<Long, Long> sessions = appliedRequestNumber.computeIfAbsent(replica, r -> new HashMap<>());
        Long lastApplied = sessions.get(command.clientId());
        if (lastApplied != null && command.requestNumber() <= lastApplied) {
            duplicateCommitsSuppressed++;
            return;
        }
        sessions.put(command.clientId(), command.requestNumber());
    }

    /**
     * Liveness: every request that committed somewhere before {@code settledBeforeTick} has reached every
     * correct replica by now.
     */
    void checkReplicated(Set<Integer> correctReplicas, long settledBeforeTick) {
        for (Map.Entry<String, Long> entry : firstCommittedTick.entrySet()) {
            if (entry.getValue() < settledBeforeTick) {
                Set<Integer> at = committedAt.get(entry.getKey());
                if (!at.containsAll(correctReplicas)) {
                    Set<Integer> missing = new HashSet<>(correctReplicas);
                    missing.removeAll(at);
                    throw new InvariantViolation("liveness: request " + entry.getKey() + " committed at tick "
                            + entry.getValue() + " never reached replicas " + missing);
                }
            }
        }
    }
}
