package io.novacron.consensus.sim;

import io.novacron.consensus.sim.KvHistory.Operation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a history of key-value operations is linearizable: whether some total order of the operations
 * respects real time (an operation that returned before another was invoked comes first) and makes every result
 * the one a single register per key would give.
 * <p>
 * The search is Wing &amp; Gong's as improved by Lowe ("Testing for linearizability", 2017): walk the history's
 * invocations and responses in time order, tentatively linearize an invoked operation if the register's state
 * explains its result, backtrack when a response is reached whose operation could not be placed, and memoize each
 * (set of linearized operations, register state) configuration already explored so no configuration is searched
 * twice. The store's keys are independent registers, so the history is split per key and each part is checked on
 * its own (P-compositionality; linearizability is local, Herlihy &amp; Wing 1990), which keeps every search small:
 * at most one operation per client is in flight at a time.
 * <p>
 * An operation that never returned may have taken effect at any point after its invocation or not at all; its
 * response is placed after everything else with an unconstrained result, and linearizing it last is the same as
 * it never taking effect. A pending read has no effect and is dropped.
 * <p>
 * Written here in plain Java because there is no maintained JVM library for it: Knossos (Clojure, behind Jepsen)
 * and Porcupine (Go) are the established checkers, and neither fits a plain Maven test. The search is bounded by
 * a step budget per key; beyond it the checker gives up and says so instead of hanging.
 */
public final class LinearizabilityChecker {

    /** Search steps per key before giving up; replace with {@code -Dnovacron.sim.lin-budget=N}. */
    public static final long DEFAULT_BUDGET = Long.getLong("novacron.sim.lin-budget", 5_000_000L);

    private static final int SHOWN = 6;

    public enum Verdict { LINEARIZABLE, NOT_LINEARIZABLE, GAVE_UP }

    /** The verdict over all keys; {@code explanation} says, on failure, which operations no order explains. */
    public record Result(Verdict verdict, String explanation, int operations, int pending, long searchSteps) {

        public boolean linearizable() {
            return verdict == Verdict.LINEARIZABLE;
        }
    }

    private LinearizabilityChecker() {
    }

    public static Result check(List<Operation> history) {
        return check(history, DEFAULT_BUDGET);
    }

    /** Checks each key's sub-history; stops at the first key that fails or exhausts {@code budgetPerKey} steps. */
    public static Result check(List<Operation> history, long budgetPerKey) {
        long steps = 0;
        int pending = 0;
        int operations = 0;
        for (int key = 0; key < KvOp.KEYS; key++) {
            List<Operation> part = new ArrayList<>();
            for (Operation operation : history) {
                if (operation.op.key() != key || (!operation.completed() && operation.op.isRead())) {
                    continue;
                }
                part.add(operation);
                operations++;
                if (!operation.completed()) {
                    pending++;
                }
            }
            KeySearch search = new KeySearch(key, part, budgetPerKey);
            Verdict verdict = search.run();
            steps += search.steps;
            if (verdict != Verdict.LINEARIZABLE) {
                return new Result(verdict, search.explanation, operations, pending, steps);
            }
        }
        return new Result(Verdict.LINEARIZABLE, "linearizable: " + operations + " operations on " + KvOp.KEYS
                + " keys (" + pending + " never answered), " + steps + " search steps", operations, pending, steps);
    }

    /** One invocation or response in the doubly linked history list. */
    private static final class Entry {
        final Operation operation;
        final int index;
        final boolean call;
        final long time;
        Entry match;
        Entry prev;
        Entry next;

        Entry(Operation operation, int index, boolean call, long time) {
            this.operation = operation;
            this.index = index;
            this.call = call;
            this.time = time;
        }
    }

    private record Configuration(BitSet linearized, long state) {
    }

    private record Frame(Entry call, long stateBefore) {
    }

    /** Lowe's search over one key's register. */
    private static final class KeySearch {
        final int key;
        final List<Operation> operations;
        final long budget;
        final Entry head = new Entry(null, -1, false, Long.MIN_VALUE);
        long steps;
        String explanation = "";
        int deepest = -1;
        List<Operation> deepestPrefix = List.of();
        long deepestState;
        Operation deepestStuck;
        List<Operation> deepestCandidates = List.of();

        KeySearch(int key, List<Operation> operations, long budget) {
            this.key = key;
            this.operations = operations;
            this.budget = budget;
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < operations.size(); i++) {
                Operation operation = operations.get(i);
                Entry call = new Entry(operation, i, true, operation.invokeEvent);
                // Never answered: the response goes after everything else (ties keep invocation order).
                Entry response = new Entry(operation, i, false,
                        operation.completed() ? operation.responseEvent : Long.MAX_VALUE);
                call.match = response;
                entries.add(call);
                entries.add(response);
            }
            entries.sort(Comparator.comparingLong((Entry e) -> e.time).thenComparingInt(e -> e.index));
            Entry last = head;
            for (Entry entry : entries) {
                last.next = entry;
                entry.prev = last;
                last = entry;
            }
        }

        Verdict run() {
            BitSet linearized = new BitSet(operations.size());
            Set<Configuration> seen = new HashSet<>();
            Deque<Frame> stack = new ArrayDeque<>();
            long state = KvOp.ABSENT;
            Entry entry = head.next;
            while (head.next != null) {
                if (++steps > budget) {
                    explanation = "linearizability check gave up on key k" + key + " after " + budget
                            + " search steps (" + operations.size() + " operations; longest linearizable prefix so far "
                            + Math.max(deepest, 0) + "); raise the budget with -Dnovacron.sim.lin-budget=N";
                    return Verdict.GAVE_UP;
                }
                if (entry.call) {
                    Operation operation = entry.operation;
                    if (explains(state, operation)) {
                        long next = apply(state, operation.op);
                        BitSet after = (BitSet) linearized.clone();
                        after.set(entry.index);
                        if (seen.add(new Configuration(after, next))) {
                            stack.push(new Frame(entry, state));
                            linearized.set(entry.index);
                            state = next;
                            lift(entry);
                            entry = head.next;
                            continue;
                        }
                    }
                    entry = entry.next;
                } else {
                    // A response whose operation is not linearized yet: nothing before it explains it. Backtrack.
                    noteStuck(stack, state, entry);
                    if (stack.isEmpty()) {
                        explain();
                        return Verdict.NOT_LINEARIZABLE;
                    }
                    Frame frame = stack.pop();
                    state = frame.stateBefore();
                    linearized.clear(frame.call().index);
                    unlift(frame.call());
                    entry = frame.call().next;
                }
            }
            return Verdict.LINEARIZABLE;
        }

        private static boolean explains(long state, Operation operation) {
            if (!operation.completed()) {
                return true;
            }
            long result = operation.result;
            KvOp op = operation.op;
            return switch (op.type()) {
                case GET -> result == state;
                case PUT -> result == KvOp.OK;
                case CAS -> (state == op.expected()) == (result == KvOp.OK);
            };
        }

        private static long apply(long state, KvOp op) {
            return switch (op.type()) {
                case GET -> state;
                case PUT -> op.value();
                case CAS -> state == op.expected() ? op.value() : state;
            };
        }

        private static void lift(Entry call) {
            call.prev.next = call.next;
            call.next.prev = call.prev; // a call's response follows it, so next is never null
            Entry response = call.match;
            response.prev.next = response.next;
            if (response.next != null) {
                response.next.prev = response.prev;
            }
        }

        private static void unlift(Entry call) {
            Entry response = call.match;
            response.prev.next = response;
            if (response.next != null) {
                response.next.prev = response;
            }
            call.prev.next = call;
            call.next.prev = call;
        }

        /** Remembers the deepest configuration at which the search got stuck, for the failure report. */
        private void noteStuck(Deque<Frame> stack, long state, Entry response) {
            if (stack.size() <= deepest) {
                return;
            }
            deepest = stack.size();
            List<Operation> prefix = new ArrayList<>(stack.size());
            stack.descendingIterator().forEachRemaining(f -> prefix.add(f.call().operation));
            deepestPrefix = prefix;
            deepestState = state;
            deepestStuck = response.operation;
            List<Operation> candidates = new ArrayList<>();
            for (Entry e = head.next; e != null && e != response; e = e.next) {
                if (e.call && e.operation != response.operation) {
                    candidates.add(e.operation);
                }
            }
            deepestCandidates = candidates;
        }

        private void explain() {
            StringBuilder out = new StringBuilder();
            out.append("not linearizable on key k").append(key).append(" (").append(operations.size())
                    .append(" operations): the longest linearizable prefix has ").append(deepestPrefix.size())
                    .append(deepestPrefix.size() == 1 ? " operation" : " operations")
                    .append(" and leaves k").append(key).append(" = ").append(deepestState)
                    .append(";\n  then ").append(deepestStuck)
                    .append(" must take effect before its response, but neither it nor any order of the operations"
                            + " invoked before that response explains its result.");
            if (deepestStuck.op.isRead() && deepestStuck.result != KvOp.ABSENT && operations.stream()
                    .noneMatch(o -> !o.op.isRead() && o.op.value() == deepestStuck.result)) {
                out.append(" No operation on k").append(key).append(" ever wrote ").append(deepestStuck.result)
                        .append('.');
            }
            if (!deepestCandidates.isEmpty()) {
                out.append("\n  Operations in flight then: ");
                appendAll(out, deepestCandidates, deepestCandidates.size());
            }
            out.append("\n  Last linearized: ");
            appendAll(out, deepestPrefix.subList(Math.max(0, deepestPrefix.size() - SHOWN), deepestPrefix.size()),
                    deepestPrefix.size());
            explanation = out.toString();
        }

        private static void appendAll(StringBuilder out, List<Operation> shown, int total) {
            if (shown.isEmpty()) {
                out.append("none");
                return;
            }
            if (total > shown.size()) {
                out.append("(").append(total - shown.size()).append(" earlier) ");
            }
            for (int i = 0; i < shown.size(); i++) {
                out.append(i == 0 ? "" : "; ").append(shown.get(i));
            }
        }
    }
}
