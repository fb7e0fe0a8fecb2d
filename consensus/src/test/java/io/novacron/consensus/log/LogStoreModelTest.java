package io.novacron.consensus.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded random run of every {@link LogStore} operation against {@link SegmentedFileLog} and
 * {@link MemoryLogStore} side by side, comparing them after each step, so the simulator's model and
 * the real log agree on sequences no hand-written case covers. Replay with {@code -Dnovacron.seed=<seed>}.
 */
class LogStoreModelTest {
    static final LogConfig CONFIG = LogConfig.defaults().withSegmentSizeBytes(300).withAppendBufferSizeBytes(100)
            .withPayloadSizeBytesMax(200);
    static final int STEPS = 3_000;

    @TempDir
    Path dir;

    @Test
    void fileLogAndMemoryModelAgreeOnARandomRun() throws IOException {
        long seed = Long.getLong("novacron.seed", 77L);
        Random random = new Random(seed);
        MemoryLogStore model = new MemoryLogStore(CONFIG);
        SegmentedFileLog file = SegmentedFileLog.open(dir, CONFIG);
        try {
            for (int step = 0; step < STEPS; step++) {
                String context = "seed=" + seed + " step=" + step;
                int action = random.nextInt(100);
                if (action < 60) {
                    byte[] payload = new byte[random.nextInt(random.nextInt(10) == 0 ? 201 : 40)];
                    random.nextBytes(payload);
                    model.append(model.lastIndex() + 1, payload);
                    file.append(file.lastIndex() + 1, payload);
                } else if (action < 75) {
                    assertEquals(model.sync(), file.sync(), context);
                } else if (action < 83) {
                    long from = model.firstIndex() + random.nextInt((int) (model.lastIndex() - model.firstIndex() + 2));
                    model.truncateSuffix(from);
                    file.truncateSuffix(from);
                } else if (action < 91) {
                    long through = model.firstIndex() - 1 + random.nextInt((int) (model.lastIndex()
                            - model.firstIndex() + 5));
                    model.compactPrefix(through);
                    file.compactPrefix(through);
                } else if (action < 93) {
                    long next = Math.max(1, model.lastIndex() + random.nextInt(41) - 20);
                    model.reset(next);
                    file.reset(next);
                } else {
                    model.close();
                    model.crash();
                    file.close();
                    file = SegmentedFileLog.open(dir, CONFIG);
                }
                compare(model, file, random, context);
            }
        } finally {
            file.close();
        }
    }

    private static void compare(MemoryLogStore model, SegmentedFileLog file, Random random, String context)
            throws IOException {
        assertEquals(model.lastIndex(), file.lastIndex(), context + " lastIndex");
        // After a reopen the file log may keep records of a partly compacted segment.
        assertTrue(file.firstIndex() <= model.firstIndex(), context + " firstIndex " + file.firstIndex() + " > "
                + model.firstIndex());
        long from = model.firstIndex();
        int count = (int) (model.lastIndex() - from + 1);
        if (count == 0) {
            return;
        }
        long probe = from + random.nextInt(count);
        assertArrayEquals(model.read(probe), file.read(probe), context + " index " + probe);
        int batch = 1 + random.nextInt(20);
        var expected = model.read(probe, batch);
        var actual = file.read(probe, batch);
        assertEquals(expected.size(), actual.size(), context);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), context + " batch index " + (probe + i));
        }
    }
}
