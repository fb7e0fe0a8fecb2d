package io.novacron.consensus.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A toy protocol that exists only to test the simulator: replica 0 orders every command and keeps
 * re-sending its whole log, the others commit its contiguous prefix. Safe as written; with
 * {@code everyoneOrders} every replica orders its own proposals, which breaks agreement, and the checker
 * must say so.
 */
final class SequencerModel implements ProtocolModel<SequencerModel.Replica, SequencerModel.LogMessage> {

    record LogMessage(int to, List<byte[]> log) {
    }

    static final class Replica {
        final int id;
        final int count;
        final List<byte[]> log;
        int committed;
        boolean dirty = true;

        Replica(int id, int count, List<byte[]> log) {
            this.id = id;
            this.count = count;
            this.log = log;
        }
    }

    private final boolean everyoneOrders;

    SequencerModel(boolean everyoneOrders) {
        this.everyoneOrders = everyoneOrders;
    }

    @Override
    public String name() {
        return everyoneOrders ? "broken-sequencer" : "sequencer";
    }

    @Override
    @SuppressWarnings("unchecked")
    public Replica start(int replicaId, int replicaCount, Object durableState, RandomGenerator random) {
        return new Replica(replicaId, replicaCount,
                durableState == null ? new ArrayList<>() : new ArrayList<>((List<byte[]>) durableState));
    }

    @Override
    public void tick(Replica replica) {
        replica.dirty = true;
    }

    @Override
    public void deliver(Replica replica, LogMessage message) {
        if (replica.id != 0 && message.log().size() > replica.log.size()) {
            replica.log.clear();
            replica.log.addAll(message.log());
        }
    }

    @Override
    public boolean propose(Replica replica, byte[] command) {
        if (replica.id != 0 && !everyoneOrders) {
            return false;
        }
        replica.log.add(command);
        return true;
    }

    @Override
    public Output<LogMessage> drain(Replica replica) {
        List<LogMessage> messages = new ArrayList<>();
        if (replica.id == 0 && replica.dirty) {
            for (int to = 1; to < replica.count; to++) {
                messages.add(new LogMessage(to, List.copyOf(replica.log)));
            }
        }
        replica.dirty = false;
        List<Committed> committed = new ArrayList<>();
        while (replica.committed < replica.log.size()) {
            committed.add(new Committed(replica.committed + 1, replica.log.get(replica.committed)));
            replica.committed++;
        }
        return new Output<>(messages, committed);
    }

    @Override
    public Object durableState(Replica replica) {
        return List.copyOf(replica.log);
    }

    @Override
    public int destination(LogMessage message) {
        return message.to();
    }
}
