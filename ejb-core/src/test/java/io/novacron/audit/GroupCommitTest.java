package io.novacron.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class GroupCommitTest {

    @Test
    void callersWaitingBehindAWriterShareTheNextBatchAndEachItemIsWrittenOnce() throws Exception {
        int callers = 16;
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstBatchEntered = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        GroupCommit<Integer> commits = new GroupCommit<>(batch -> {
            if (batches.isEmpty()) {
                firstBatchEntered.countDown();
                assertTrue(othersQueued.await(10, TimeUnit.SECONDS), "the other callers queued");
            }
            batches.add(batch);
        }, 64);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<?>> done = new ArrayList<>();
            done.add(pool.submit(() -> {
                commits.write(0);
                return null;
            }));
            assertTrue(firstBatchEntered.await(10, TimeUnit.SECONDS));
            for (int i = 1; i < callers; i++) {
                int item = i;
                done.add(pool.submit(() -> {
                    commits.write(item);
                    return null;
                }));
            }
            waitUntilQueued(commits, callers - 1);
            othersQueued.countDown();
            for (Future<?> f : done) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Integer> all = batches.stream().flatMap(List::stream).sorted().toList();
        assertEquals(java.util.stream.IntStream.range(0, callers).boxed().toList(), all, "each item exactly once");
        assertEquals(List.of(0), batches.get(0));
        assertEquals(2, batches.size(), "the 15 callers queued behind the first batch went in one: " + batches);
    }

    @Test
    void aBatchIsSplitAtItsMaximum() throws Exception {
        List<List<Integer>> batches = new ArrayList<>();
        GroupCommit<Integer> commits = new GroupCommit<>(batches::add, 2);
        commits.write(1);
        assertEquals(List.of(List.of(1)), batches);
        assertThrows(IllegalArgumentException.class, () -> new GroupCommit<Integer>(b -> { }, 0));
    }

    @Test
    void aFailedBatchIsRetriedAloneSoOnlyTheBadItemFails() throws Exception {
        List<Integer> written = Collections.synchronizedList(new ArrayList<>());
        IllegalArgumentException bad = new IllegalArgumentException("item 13 violates a constraint");
        GroupCommit<Integer> commits = new GroupCommit<>(batch -> {
            if (batch.contains(13)) {
                throw bad;
            }
            written.addAll(batch);
        }, 64);
        assertSame(bad, assertThrows(IllegalArgumentException.class, () -> commits.write(13)));
        commits.write(14);
        assertEquals(List.of(14), written);
    }

    @Test
    void anErrorOutOfTheWriterFailsItsBatchInsteadOfLeavingCallersWaiting() {
        GroupCommit<Integer> commits = new GroupCommit<>(batch -> {
            throw new OutOfMemoryError("simulated");
        }, 64);
        assertThrows(OutOfMemoryError.class, () -> commits.write(1));
    }

    /** Queued callers are not observable directly; a writer-free instance proves nothing, so poll the queue size. */
    private static void waitUntilQueued(GroupCommit<Integer> commits, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (commits.queuedItems() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + commits.queuedItems() + " of " + count + " callers queued");
            }
            Thread.onSpinWait();
        }
    }
}
