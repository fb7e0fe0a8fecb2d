package io.novacron.consensus.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What clients saw: per operation, when it was invoked (first sent), when its result came back, the operation and
 * the result. Real-time order comes from one event counter shared by invocations and responses (ticks alone would
 * tie), so operation A precedes B exactly when A's response event comes before B's invocation event. An operation
 * without a response (still pending at the end, or abandoned) may have taken effect at any point after its
 * invocation, or not at all.
 */
public final class KvHistory {

    /** One client operation; {@code result} is null while (or if forever) no response came. */
    public static final class Operation {
        final int id;
        final long clientId;
        final KvOp op;
        final long invokeTick;
        final long invokeEvent;
        long responseTick = -1;
        long responseEvent = Long.MAX_VALUE;
        Long result;

        Operation(int id, long clientId, KvOp op, long invokeTick, long invokeEvent) {
            this.id = id;
            this.clientId = clientId;
            this.op = op;
            this.invokeTick = invokeTick;
            this.invokeEvent = invokeEvent;
        }

        public boolean completed() {
            return result != null;
        }

        public KvOp op() {
            return op;
        }

        public Long result() {
            return result;
        }

        @Override
        public String toString() {
            return "client " + clientId + " " + op.describe(result) + " [ticks " + invokeTick + ".."
                    + (completed() ? Long.toString(responseTick) : "pending") + "]";
        }
    }

    private final List<Operation> operations = new ArrayList<>();
    private long events;

    /** Records an invocation and returns its handle. */
    public Operation invoke(long clientId, KvOp op, long tick) {
        Operation operation = new Operation(operations.size(), clientId, op, tick, events++);
        operations.add(operation);
        return operation;
    }

    /** Records the response a client received; a second response for the same operation is ignored. */
    public void respond(Operation operation, long result, long tick) {
        if (operation.completed()) {
            return;
        }
        operation.result = result;
        operation.responseTick = tick;
        operation.responseEvent = events++;
    }

    public List<Operation> operations() {
        return Collections.unmodifiableList(operations);
    }

    public long completedCount() {
        return operations.stream().filter(Operation::completed).count();
    }
}
