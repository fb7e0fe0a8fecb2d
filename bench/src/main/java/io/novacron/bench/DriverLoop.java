package io.novacron.bench;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * The shape every core driver thread shares: take inputs, tick on 1 ms of wall time, hand out outputs, and park
 * until the next tick when idle; inputs from other threads {@link #wake()} it at once.
 */
abstract class DriverLoop implements Runnable {

    private static final long TICK_NANOS = 1_000_000;

    private volatile boolean running = true;
    private volatile Thread thread;

    /** Takes queued inputs into the core; true if there were any. */
    protected abstract boolean takeInputs();

    /** Advances the core's logical clock by one tick. */
    protected abstract void tick();

    /** Carries out the core's ready output; true if there was any. */
    protected abstract boolean handOutputs() throws IOException;

    /** What to call this loop in an error message. */
    protected abstract String describe();

    /** Makes the loop look at its inputs now; call after queueing one. */
    protected final void wake() {
        LockSupport.unpark(thread);
    }

    final void stop() {
        running = false;
        wake();
    }

    @Override
    public final void run() {
        thread = Thread.currentThread();
        long nextTick = System.nanoTime() + TICK_NANOS;
        try {
            while (running) {
                boolean worked = takeInputs();
                if (System.nanoTime() >= nextTick) {
                    tick();
                    nextTick += TICK_NANOS;
                }
                worked |= handOutputs();
                if (!worked) {
                    LockSupport.parkNanos(nextTick - System.nanoTime());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(describe() + " could not persist: " + e.getMessage(), e);
        }
    }
}
