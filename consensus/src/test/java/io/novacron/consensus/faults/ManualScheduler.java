package io.novacron.consensus.faults;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} on a virtual clock that only the test moves: {@link #advanceMs(long)} runs, on
 * the caller's thread, every one-shot task that has come due, in due order (ties in submission order). Only
 * {@code schedule(Runnable, ...)}, {@code execute} and shutdown are supported; the rest is not what
 * {@link FaultyOutputs} uses.
 */
final class ManualScheduler implements ScheduledExecutorService {

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long nowMs;
    private long submitted;
    private long scheduledCount;
    private boolean shutdown;

    /** Moves the clock forward and runs what came due, including tasks those tasks schedule within the window. */
    void advanceMs(long ms) {
        long until = nowMs + ms;
        while (!queue.isEmpty() && queue.peek().dueMs <= until) {
            Task task = queue.poll();
            nowMs = Math.max(nowMs, task.dueMs);
            if (!task.cancelled) {
                task.done = true;
                task.command.run();
            }
        }
        nowMs = until;
    }

    /** Tasks waiting to come due. */
    int pending() {
        return queue.size();
    }

    /** Every task ever scheduled. */
    long scheduledCount() {
        return scheduledCount;
    }

    /** The delay of the earliest pending task, in ms from now. */
    long nextDelayMs() {
        return queue.peek().dueMs - nowMs;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        if (shutdown) {
            throw new RejectedExecutionException("scheduler shut down");
        }
        Task task = new Task(command, nowMs + unit.toMillis(delay), submitted++);
        queue.add(task);
        scheduledCount++;
        return task;
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>();
        queue.forEach(task -> left.add(task.command));
        queue.clear();
        return left;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && queue.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by FaultyOutputs");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by FaultyOutputs");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by FaultyOutputs");
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        throw new UnsupportedOperationException("not used by FaultyOutputs");
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        throw new UnsupportedOperationException("not used by FaultyOutputs");
    }

    @Override
    public Future<?> submit(Runnable task) {
        throw new UnsupportedOperationException("not used by FaultyOutputs");
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) {
        throw new UnsupportedOperationException("not used by FaultyOutputs");
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by FaultyOutputs");
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) {
        throw new UnsupportedOperationException("not used by FaultyOutputs");
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by FaultyOutputs");
    }

    /** A one-shot task; its future never blocks, since everything runs in {@link #advanceMs}. */
    private final class Task implements ScheduledFuture<Object> {
        final Runnable command;
        final long dueMs;
        final long order;
        boolean cancelled;
        boolean done;

        Task(Runnable command, long dueMs, long order) {
            this.command = command;
            this.dueMs = dueMs;
            this.order = order;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueMs - nowMs, TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Task that = (Task) other;
            int byDue = Long.compare(dueMs, that.dueMs);
            return byDue != 0 ? byDue : Long.compare(order, that.order);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (done) {
                return false;
            }
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
