package io.novacron.consensus.raft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The leader's pending linearizable reads, each waiting for a quorum to acknowledge its heartbeat round
 * (dissertation §6.4). Reads are confirmed in order: a quorum for a later read proves leadership at the time
 * every earlier read was registered too, so they are released together.
 */
final class ReadIndexQueue {
    /** Bound on waiting reads so a flood of read requests cannot grow the leader's memory without limit. */
    static final int MAX_PENDING = 4096;

    /** A read confirmed by a quorum, for the node that asked (the leader itself or a forwarding follower). */
    record Confirmed(int requester, ReadState read) {
    }

    private record PendingRead(int requester, long index, byte[] context, Set<Integer> acks) {
    }

    private final List<PendingRead> pending = new ArrayList<>();

    boolean isFull() {
        return pending.size() >= MAX_PENDING;
    }

    void add(int requester, long index, byte[] context, int self) {
        Set<Integer> acks = new HashSet<>();
        acks.add(self);
        pending.add(new PendingRead(requester, index, context.clone(), acks));
    }

    /** Records an acknowledgement; returns the reads now confirmed by a quorum of voters, oldest first. */
    List<Confirmed> acknowledge(byte[] context, int from, Set<Integer> voters, int quorumSize) {
        for (int k = 0; k < pending.size(); k++) {
            PendingRead read = pending.get(k);
            if (!Arrays.equals(read.context(), context)) {
                continue;
            }
            read.acks().add(from);
            long votes = read.acks().stream().filter(voters::contains).count();
            if (votes < quorumSize) {
                return List.of();
            }
            List<Confirmed> released = new ArrayList<>();
            for (PendingRead r : pending.subList(0, k + 1)) {
                released.add(new Confirmed(r.requester(), new ReadState(r.index(), r.context())));
            }
            pending.subList(0, k + 1).clear();
            return released;
        }
        return List.of();
    }

    void clear() {
        pending.clear();
    }
}
