package io.novacron.consensus.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A rough append+sync throughput check, run by hand to inform the later JMH benchmarks; not a test and
 * not an assertion (timings depend on the disk and would make a flaky test).
 *
 * <p>Run: {@code java -cp <test-classes>:<classes> io.novacron.consensus.log.LogThroughputMain [dir]}; the
 * directory defaults to a temporary one, which must sit on the disk to be measured (not tmpfs).
 */
public final class LogThroughputMain {
    private static final int[] PAYLOAD_SIZES_BYTES = {16, 1024};
    private static final int[] RECORDS_PER_SYNC = {1, 64, 1024};
    /** Bounded by record count, not time, so a slow disk makes a slow run rather than a wrong one. */
    private static final int RECORDS_TOTAL = 20_000;
    private static final int SYNCS_MAX = 1_000;

    private LogThroughputMain() {
    }

    public static void main(String[] args) throws IOException {
        Path base = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("novacron-log-throughput");
        System.out.printf("dir=%s%n%-8s %-8s %-8s %10s %12s %10s %12s%n", base, "store", "payload", "perSync",
                "records", "records/s", "MiB/s", "batchUs");
        for (int payloadBytes : PAYLOAD_SIZES_BYTES) {
            for (int perSync : RECORDS_PER_SYNC) {
                int records = Math.min(RECORDS_TOTAL, perSync * SYNCS_MAX);
                Path dir = base.resolve("p" + payloadBytes + "-b" + perSync);
                try (LogStore file = SegmentedFileLog.open(dir, LogConfig.defaults())) {
                    run("file", file, payloadBytes, perSync, records);
                }
                deleteTree(dir);
                run("memory", new MemoryLogStore(), payloadBytes, perSync, records);
            }
        }
        deleteTree(base);
    }

    private static void run(String store, LogStore log, int payloadBytes, int perSync, int records)
            throws IOException {
        byte[] payload = new byte[payloadBytes];
        long startNs = System.nanoTime();
        long index = log.lastIndex();
        for (int i = 0; i < records; i += perSync) {
            for (int k = 0; k < perSync && i + k < records; k++) {
                log.append(++index, payload);
            }
            log.sync();
        }
        double seconds = (System.nanoTime() - startNs) / 1e9;
        int syncs = (records + perSync - 1) / perSync;
        System.out.printf("%-8s %-8d %-8d %10d %12.0f %10.2f %12.1f%n", store, payloadBytes, perSync, records,
                records / seconds, records * (double) payloadBytes / seconds / (1 << 20), seconds * 1e6 / syncs);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
