package io.novacron.consensus.sim;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * How the simulator drives one protocol core. Implementations are thin: they create replicas, forward
 * ticks, messages and proposals, and hand back what the core's ready batch says to send and to apply.
 *
 * @param <R> the replica type (a core plus whatever the adapter keeps beside it)
 * @param <M> the protocol's message type
 */
public interface ProtocolModel<R, M> {

    String name();

    /** A replica starting fresh, or restarting from what it had made durable before a crash (null if none). */
    R start(int replicaId, int replicaCount, Object durableState, RandomGenerator random);

    void tick(R replica);

    void deliver(R replica, M message);

    /** Offers a command; false if this replica cannot take it now (not the leader, say): the client retries. */
    boolean propose(R replica, byte[] command);

    /**
     * Drains the replica's ready output, having made its state durable first (the ordering contract of
     * the cores: persist, then send, then apply).
     */
    Output<M> drain(R replica);

    /** What survives a crash of this replica: only what it made durable. */
    Object durableState(R replica);

    /** The destination replica of a message. */
    int destination(M message);

    /**
     * A Byzantine replica's tampering with one outgoing message (forge, equivocate, replay...), or the
     * message unchanged. The default is an honest replica.
     */
    default List<M> tamper(int replicaId, M message, RandomGenerator random) {
        return List.of(message);
    }

    /**
     * Whether replicas run the {@link KvStateMachine}: clients then issue {@link KvOp}s, complete on replies
     * rather than on commits, and their history is checked for linearizability at the end of the run.
     */
    default boolean keyValue() {
        return false;
    }

    /** Replies this replica produced since the last call; the simulator asks right after {@link #drain}. */
    default List<Reply> replies(R replica) {
        return List.of();
    }

    /** Matching replies from distinct replicas a client waits for (1 for Raft; f + 1 for PBFT). */
    default int repliesNeeded(int replicaCount) {
        return 1;
    }

    /** A replica's answer to one client request: the result its state machine computed. */
    record Reply(long clientId, long requestNumber, long result) {
    }

    /**
     * Messages to send and commands committed, in commit order, with their position in the total order;
     * {@code snapshotThrough} is the last position a snapshot just installed on this replica covers, or -1.
     */
    record Output<M>(List<M> messages, List<Committed> committed, long snapshotThrough) {

        public Output(List<M> messages, List<Committed> committed) {
            this(messages, committed, -1);
        }
    }

    /** One committed command at its position (log index, or PBFT sequence and offset in the batch). */
    record Committed(long position, byte[] command) {
    }
}
