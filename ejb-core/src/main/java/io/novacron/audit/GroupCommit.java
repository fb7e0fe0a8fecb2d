package io.novacron.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes items that many threads hand in at once in shared batches: every caller queues its item and takes the
 * writer's lock; whoever holds it writes everything queued by then in one batch, so the callers that waited behind
 * it mostly find their item written when their turn comes. Each caller returns only once its own item is written
 * (or throws that item's failure), so a batch changes the cost of a write, never what a caller can rely on.
 * <p>
 * Why: the audit database pays for each commit far more than for each row (one H2 commit writes a new chunk of
 * the store), and under load many request threads append at the same moment. No library offers this for JPA.
 * A batch that fails is written again one item at a time, so one bad item fails only its own caller.
 *
 * @param <T> what is written
 */
public final class GroupCommit<T> {

    /** Writes one batch in one transaction, all or nothing. */
    @FunctionalInterface
    public interface BatchWriter<T> {
        void write(List<T> batch) throws Exception;
    }

    private static final class Pending<T> {
        final T item;
        volatile boolean written;
        volatile Exception failure;

        Pending(T item) {
            this.item = item;
        }
    }

    private final BatchWriter<T> writer;
    private final int batchItemsMax;
    private final Queue<Pending<T>> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();

    public GroupCommit(BatchWriter<T> writer, int batchItemsMax) {
        if (batchItemsMax < 1) {
            throw new IllegalArgumentException("batchItemsMax must be at least 1, was " + batchItemsMax);
        }
        this.writer = writer;
        this.batchItemsMax = batchItemsMax;
    }

    /**
     * Writes {@code item}, in a batch with whatever else is queued, and returns once it is written.
     *
     * @throws Exception the writer's failure for this item
     */
    public void write(T item) throws Exception {
        Pending<T> mine = new Pending<>(item);
        queued.add(mine);
        while (!mine.written && mine.failure == null) {
            writing.lock();
            try {
                if (!mine.written && mine.failure == null) {
                    writeQueued();
                }
            } finally {
                writing.unlock();
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /** Items handed in and not yet taken into a batch (tests). */
    int queuedItems() {
        return queued.size();
    }

    /** Called with the lock held: one batch of what is queued, oldest first. */
    private void writeQueued() {
        List<Pending<T>> batch = new ArrayList<>();
        Pending<T> next;
        while (batch.size() < batchItemsMax && (next = queued.poll()) != null) {
            batch.add(next);
        }
        try {
            writeBatch(batch);
        } finally {
            // An Error out of the writer must not leave a caller waiting for an item nobody holds any more.
            for (Pending<T> pending : batch) {
                if (!pending.written && pending.failure == null) {
                    pending.failure = new IllegalStateException("the batch writer stopped before writing this item");
                }
            }
        }
    }

    private void writeBatch(List<Pending<T>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            writer.write(batch.stream().map(p -> p.item).toList());
            written(batch);
        } catch (Exception batchFailure) {
            if (batch.size() == 1) {
                batch.get(0).failure = batchFailure;
                return;
            }
            for (Pending<T> alone : batch) {
                try {
                    writer.write(List.of(alone.item));
                    written(List.of(alone));
                } catch (Exception e) {
                    alone.failure = e;
                }
            }
        }
    }

    private void written(List<Pending<T>> batch) {
        batch.forEach(p -> p.written = true);
    }
}
