package io.novacron.consensus.sim;

import io.novacron.consensus.sim.KvHistory.Operation;
import io.novacron.consensus.sim.LinearizabilityChecker.Result;
import io.novacron.consensus.sim.LinearizabilityChecker.Verdict;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static io.novacron.consensus.sim.KvOp.ABSENT;
import static io.novacron.consensus.sim.KvOp.FAILED;
import static io.novacron.consensus.sim.KvOp.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The linearizability checker on hand-written histories: known linearizable ones pass, known violations (stale
 * read, lost update, a value nobody wrote, real-time order broken) fail with an explanation, and a search beyond
 * its budget gives up rather than hang. Each history is written in time order: invoke and respond calls happen in
 * the order the events happened.
 */
class LinearizabilityCheckerTest {

    private final KvHistory history = new KvHistory();
    private long tick;

    private Operation invoke(long client, KvOp op) {
        return history.invoke(client, op, tick++);
    }

    private void respond(Operation operation, long result) {
        history.respond(operation, result, tick++);
    }

    private Result check() {
        Result result = LinearizabilityChecker.check(history.operations());
        System.out.println(result.verdict() + ": " + result.explanation());
        return result;
    }

    private void assertViolation(String mustMention) {
        Result result = check();
        assertEquals(Verdict.NOT_LINEARIZABLE, result.verdict(), result::explanation);
        assertTrue(result.explanation().contains(mustMention), result::explanation);
    }

    @Test
    void sequentialHistoryOfEveryOperationKindPasses() {
        respond(invoke(1, KvOp.get(0)), ABSENT);
        respond(invoke(1, KvOp.put(0, 10)), OK);
        respond(invoke(2, KvOp.get(0)), 10);
        respond(invoke(2, KvOp.cas(0, 10, 20)), OK);
        respond(invoke(1, KvOp.cas(0, 10, 30)), FAILED);
        respond(invoke(1, KvOp.get(0)), 20);
        respond(invoke(3, KvOp.put(1, 40)), OK);
        respond(invoke(3, KvOp.get(1)), 40);
        assertTrue(check().linearizable());
    }

    @Test
    void concurrentReadMayReturnTheOldOrTheNewValue() {
        respond(invoke(1, KvOp.put(0, 10)), OK);
        Operation write = invoke(1, KvOp.put(0, 20));
        Operation oldRead = invoke(2, KvOp.get(0));
        Operation newRead = invoke(3, KvOp.get(0));
        respond(newRead, 20);
        respond(oldRead, 10); // returned after newRead, but both overlap the write: old-then-new order exists
        respond(write, OK);
        assertTrue(check().linearizable());
    }

    @Test
    void aWriteTakesEffectAtOnePointBetweenInvocationAndResponse() {
        // The order must be found by backtracking: the reads that began first are answered by the later writes.
        Operation a = invoke(1, KvOp.put(0, 1));
        Operation b = invoke(2, KvOp.put(0, 2));
        Operation readTwo = invoke(3, KvOp.get(0));
        respond(readTwo, 2);
        Operation readOne = invoke(4, KvOp.get(0));
        respond(readOne, 1);
        respond(b, OK);
        respond(a, OK);
        assertTrue(check().linearizable());
    }

    @Test
    void aPendingWriteMayHaveTakenEffectOrNot() {
        respond(invoke(1, KvOp.put(0, 10)), OK);
        invoke(2, KvOp.put(0, 20)); // never answered
        respond(invoke(3, KvOp.get(0)), 20); // it did take effect...
        respond(invoke(3, KvOp.get(1)), ABSENT);
        invoke(4, KvOp.put(1, 30)); // ...this one never shows: as if it never happened
        respond(invoke(3, KvOp.get(1)), ABSENT);
        assertTrue(check().linearizable());
        assertEquals(2, check().pending());
    }

    @Test
    void aStaleReadAfterACompletedWriteFails() {
        respond(invoke(1, KvOp.put(0, 10)), OK);
        respond(invoke(1, KvOp.put(0, 20)), OK);
        respond(invoke(2, KvOp.get(0)), 10);
        assertViolation("client 2 get(k0) -> 10");
    }

    @Test
    void aLostUpdateFails() {
        // Both compare-and-set from the same value succeed: one of them overwrote the other's update unseen.
        respond(invoke(1, KvOp.put(0, 10)), OK);
        Operation first = invoke(1, KvOp.cas(0, 10, 11));
        Operation second = invoke(2, KvOp.cas(0, 10, 12));
        respond(first, OK);
        respond(second, OK);
        assertViolation("cas(k0, 10 -> 1");
    }

    @Test
    void aReadOfAValueNobodyWroteFails() {
        Operation write = invoke(1, KvOp.put(2, 10));
        respond(invoke(2, KvOp.get(2)), 99);
        respond(write, OK);
        assertViolation("No operation on k2 ever wrote 99");
    }

    @Test
    void realTimeOrderIsRespected() {
        // Swap the two writes and every result is explained, but the second write began after the first ended.
        respond(invoke(1, KvOp.put(1, 10)), OK);
        respond(invoke(2, KvOp.put(1, 20)), OK);
        Operation read = invoke(3, KvOp.get(1));
        respond(read, 10);
        assertViolation("not linearizable on key k1");
    }

    @Test
    void readsMustNotGoBackInTime() {
        // Two sequential reads concurrent with one write: new value, then old value, is not linearizable.
        respond(invoke(1, KvOp.put(0, 10)), OK);
        Operation write = invoke(1, KvOp.put(0, 20));
        respond(invoke(2, KvOp.get(0)), 20);
        respond(invoke(2, KvOp.get(0)), 10);
        respond(write, OK);
        assertViolation("get(k0) -> 10");
    }

    @Test
    void keysAreCheckedIndependentlyAndTheFailingKeyIsNamed() {
        respond(invoke(1, KvOp.put(0, 10)), OK);
        respond(invoke(2, KvOp.put(1, 20)), OK);
        respond(invoke(2, KvOp.get(0)), 10);
        respond(invoke(1, KvOp.get(1)), ABSENT);
        assertViolation("key k1");
    }

    @Test
    void aLongRandomLinearizableHistoryPassesAndABudgetTooSmallGivesUp() {
        // Four clients against one atomic register, each operation taking effect at a random point in its interval.
        SplittableRandom random = new SplittableRandom(5);
        long[] register = new long[KvOp.KEYS];
        Operation[] inFlight = new Operation[4];
        long[] effect = new long[4];
        long value = 1;
        for (int round = 0; round < 20_000; round++) {
            int client = random.nextInt(4);
            if (inFlight[client] == null) {
                inFlight[client] = invoke(client, KvOp.random(random, value++, register));
                effect[client] = Long.MIN_VALUE;
            } else if (effect[client] == Long.MIN_VALUE) {
                KvOp op = inFlight[client].op();
                long before = register[op.key()];
                effect[client] = switch (op.type()) {
                    case GET -> before;
                    case PUT -> OK;
                    case CAS -> before == op.expected() ? OK : FAILED;
                };
                if (op.type() == KvOp.Type.PUT || (op.type() == KvOp.Type.CAS && before == op.expected())) {
                    register[op.key()] = op.value();
                }
            } else {
                respond(inFlight[client], effect[client]);
                inFlight[client] = null;
            }
        }
        Result result = check();
        assertTrue(result.linearizable(), result::explanation);
        assertTrue(result.operations() > 5_000, "operations " + result.operations());

        Result limited = LinearizabilityChecker.check(history.operations(), 100);
        assertEquals(Verdict.GAVE_UP, limited.verdict());
        assertTrue(limited.explanation().contains("gave up"), limited::explanation);
    }
}
