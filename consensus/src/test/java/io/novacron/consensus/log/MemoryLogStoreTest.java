package io.novacron.consensus.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Crash semantics of {@link MemoryLogStore}, the model the simulator relies on: what was not synced
 * may be lost, what was synced never is. Replay a failure with {@code -Dnovacron.seed=<seed>}.
 */
class MemoryLogStoreTest {

    @Test
    void aCrashLosesExactlyTheRecordsAppendedSinceTheLastSync() {
        MemoryLogStore log = new MemoryLogStore();
        for (long i = 1; i <= 10; i++) {
            log.append(i, new byte[] {(byte) i});
        }
        assertEquals(10, log.sync());
        for (long i = 11; i <= 15; i++) {
            log.append(i, new byte[] {(byte) i});
        }
        assertEquals(5, log.crash());
        assertEquals(10, log.lastIndex());
        assertArrayEquals(new byte[] {10}, log.read(10));
        log.append(11, new byte[] {99});
        assertArrayEquals(new byte[] {99}, log.read(11));
    }

    @Test
    void aTruncationIsAssumedToStickAcrossACrash() {
        MemoryLogStore log = new MemoryLogStore();
        for (long i = 1; i <= 10; i++) {
            log.append(i, new byte[] {(byte) i});
        }
        log.sync();
        log.truncateSuffix(6);
        log.append(6, new byte[] {60});
        assertEquals(1, log.crash());
        assertEquals(5, log.lastIndex());
    }

    @Test
    void resetAndCompactionAreDurableAtOnce() {
        MemoryLogStore log = new MemoryLogStore();
        log.append(1, new byte[0]);
        log.reset(50);
        assertEquals(0, log.crash());
        assertEquals(50, log.firstIndex());
        log.append(50, new byte[0]);
        log.append(51, new byte[0]);
        log.compactPrefix(50);
        log.crash();
        assertEquals(51, log.firstIndex());
        assertEquals(50, log.lastIndex());
    }

    @Test
    void syncedRecordsSurviveEveryCrashInARandomRun() {
        long seed = Long.getLong("novacron.seed", 424242L);
        Random random = new Random(seed);
        MemoryLogStore log = new MemoryLogStore();
        List<byte[]> model = new ArrayList<>(); // model.get(i) is index i + 1 (no compaction in this run)
        long durableIndex = 0;
        for (int step = 0; step < 5_000; step++) {
            String context = "seed=" + seed + " step=" + step;
            int action = random.nextInt(10);
            if (action < 6) {
                byte[] payload = new byte[random.nextInt(8)];
                random.nextBytes(payload);
                log.append(model.size() + 1, payload);
                model.add(payload);
            } else if (action < 8) {
                durableIndex = log.sync();
                assertEquals(model.size(), durableIndex, context);
            } else if (action == 8 && !model.isEmpty()) {
                int from = 1 + random.nextInt(model.size());
                log.truncateSuffix(from);
                model.subList(from - 1, model.size()).clear();
                durableIndex = Math.min(durableIndex, from - 1);
            } else {
                log.crash();
                assertTrue(log.lastIndex() >= durableIndex, context + ": lost a synced record");
                model.subList((int) log.lastIndex(), model.size()).clear();
            }
            assertEquals(model.size(), log.lastIndex(), context);
            if (!model.isEmpty()) {
                long probe = 1 + random.nextInt(model.size());
                assertArrayEquals(model.get((int) probe - 1), log.read(probe), context + " index " + probe);
            }
        }
    }
}
