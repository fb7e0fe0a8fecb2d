package io.novacron.transport.tcp;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, checking it every millisecond; fails the test with the message at the deadline. */
final class Await {

    static final Duration DEFAULT = Duration.ofSeconds(20);

    private Await() {
    }

    static void until(BooleanSupplier condition, String what) {
        until(condition, DEFAULT, what);
    }

    static void until(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
