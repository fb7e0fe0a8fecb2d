package io.novacron.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Runs systems x payload sizes x durabilities, each cell a closed loop with a fresh system instance, and prints a
 * table (system, replicas, payload, durability, ops/s, p50 ms, p99 ms) plus the ratio of every other system to the
 * baseline (Ratis) in the same cell.
 *
 * <pre>
 * mvn -q -pl bench exec:java -Dexec.args="--systems=noop,ratis --payloads=16,1024 --durability=disk,memory
 *     --inflight=256 --jvm-warmup=20s --warmup=5s --duration=8s"
 * </pre>
 */
public final class BenchmarkMain {

    /** Parsed command line. */
    record Options(List<String> systems, List<Integer> payloads, List<Durability> durabilities, int inFlight,
                   Limit warmup, Limit measure, Path dataDir, Path out, boolean fork, boolean child,
                   Duration jvmWarmup) {
    }

    /** One row of the result table. */
    record Row(String system, int replicas, boolean baseline, int payload, Durability durability, int inFlight,
               ClosedLoopDriver.Result result, String failure, double loadAvg, String notes) {
        boolean ok() {
            return failure == null;
        }
    }

    private BenchmarkMain() {
    }

    /** JDK property that sizes ForkJoinPool.commonPool(), which CompletableFuture's *Async methods use. */
    static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    /** Set in the child JVM that {@link #main} forks, so it never forks again. */
    static final String CHILD_PROPERTY = "novacron.bench.child";

    public static void main(String[] args) throws Exception {
        // Must run before anything touches CompletableFuture: see ensureAsyncPool().
        boolean pooled = ensureAsyncPool();
        quietJulLogging();
        if (System.getProperty(CHILD_PROPERTY) == null) {
            System.out.println("async pool here: " + describeAsyncPool(pooled));
        }
        Path log = redirectLibraryLogging();
        int rc = run(args, System.out);
        if (log != null && Files.exists(log)) {
            long lines;
            try (var l = Files.lines(log)) {
                lines = l.count();
            }
            System.out.printf(Locale.ROOT, "library log (slf4j, WARN and up): %s (%d lines)%n", log, lines);
        }
        System.out.flush();
        // Exit explicitly: a system under test may leave non-daemon threads behind.
        System.exit(rc);
    }

    /** Strong reference: java.util.logging keeps loggers weakly. */
    private static final java.util.logging.Logger GRPC_JUL =
        java.util.logging.Logger.getLogger("org.apache.ratis.thirdparty.io.grpc");

    /** Ratis's shaded gRPC logs through java.util.logging; keep it to warnings. */
    static void quietJulLogging() {
        GRPC_JUL.setLevel(java.util.logging.Level.WARNING);
    }

    /** Sends slf4j-simple output (Ratis's logging) to a file, unless a target was given with -D. */
    static Path redirectLibraryLogging() {
        String key = "org.slf4j.simpleLogger.logFile";
        if (System.getProperty(key) != null) {
            return null;
        }
        Path log = Path.of(System.getProperty("java.io.tmpdir"), "novacron-bench-" + ProcessHandle.current().pid()
            + ".log");
        System.setProperty(key, log.toString());
        return log;
    }

    /** Marker of the line a cell child prints with its result. */
    static final String RESULT_MARKER = "CELL-RESULT\t";

    /** The class path of this JVM: the exec:java class loader's URLs, or java.class.path for a plain launch. */
    static String childClassPath() {
        List<String> cp = new ArrayList<>();
        for (ClassLoader cl = Thread.currentThread().getContextClassLoader(); cl != null; cl = cl.getParent()) {
            if (cl instanceof java.net.URLClassLoader u) {
                for (java.net.URL url : u.getURLs()) {
                    try {
                        cp.add(Path.of(url.toURI()).toString());
                    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                        // not a file URL: skip
                    }
                }
            }
        }
        String jcp = System.getProperty("java.class.path");
        if (jcp != null && !jcp.isEmpty()) cp.add(jcp);
        return String.join(java.io.File.pathSeparator, cp);
    }

    /**
     * Runs all cells of one system in a fresh JVM (same class path, common-pool parallelism set on its command
     * line), echoes its output and parses its result lines. Each system thus starts from the same JIT, heap and
     * thread state, and cannot be disturbed by threads another system left behind.
     */
    static List<Row> forkSystem(Options o, String system, Path runDir, Path logDir, PrintStream out)
        throws IOException, InterruptedException {
        String tag = system.replaceAll("[^A-Za-z0-9._-]", "_");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-D" + COMMON_POOL_PARALLELISM + "=" + System.getProperty(COMMON_POOL_PARALLELISM));
        cmd.add("-D" + CHILD_PROPERTY + "=true");
        cmd.add("-Dorg.slf4j.simpleLogger.logFile=" + logDir.resolve(tag + ".log"));
        cmd.add("-cp");
        cmd.add(childClassPath());
        cmd.add(BenchmarkMain.class.getName());
        cmd.add("--child");
        cmd.add("--systems=" + system);
        cmd.add("--payloads=" + String.join(",", o.payloads().stream().map(String::valueOf).toList()));
        cmd.add("--durability=" + String.join(",", o.durabilities().stream().map(Enum::name).toList()));
        cmd.add("--inflight=" + o.inFlight());
        cmd.add("--jvm-warmup=" + o.jvmWarmup().toMillis() + "ms");
        cmd.add("--warmup=" + o.warmup().time().toMillis() + "ms");
        cmd.add("--duration=" + o.measure().time().toMillis() + "ms");
        if (o.warmup().ops() > 0) cmd.add("--warmup-ops=" + o.warmup().ops());
        if (o.measure().ops() > 0) cmd.add("--ops=" + o.measure().ops());
        cmd.add("--data-dir=" + runDir);
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Row> rows = new ArrayList<>();
        try (var r = new java.io.BufferedReader(
                 new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith(RESULT_MARKER)) {
                    rows.add(decode(line.substring(RESULT_MARKER.length())));
                } else {
                    out.println(line);
                }
            }
        }
        int rc = p.waitFor();
        if (rows.isEmpty()) {
            ConsensusSystem sys = Systems.factory(system).get();
            for (Durability d : o.durabilities()) {
                for (int payload : o.payloads()) {
                    rows.add(new Row(sys.name(), sys.replicas(), sys.isBaseline(), payload, d, o.inFlight(), null,
                        "benchmark JVM exited with " + rc + " and no result", -1, null));
                }
            }
            out.println("     FAILED: " + system + ": benchmark JVM exited with " + rc + " and no result");
        }
        return rows;
    }

    static String encode(Row r) {
        List<String> f = new ArrayList<>(List.of(r.system(), Integer.toString(r.replicas()),
            Boolean.toString(r.baseline()), Integer.toString(r.payload()), r.durability().name(),
            Integer.toString(r.inFlight()), Double.toString(r.loadAvg()), clean(r.failure()), clean(r.notes())));
        ClosedLoopDriver.Result x = r.result();
        if (x != null) {
            LatencyRecorder.Stats s = x.stats();
            f.addAll(List.of(Long.toString(s.count()), Long.toString(s.elapsedNanos()), Long.toString(s.p50Nanos()),
                Long.toString(s.p99Nanos()), Long.toString(s.p999Nanos()), Long.toString(s.maxNanos()),
                Double.toString(s.meanNanos()), Long.toString(x.errors()), Long.toString(x.submitted()),
                Boolean.toString(x.drained()), clean(x.firstError() == null ? null : x.firstError().toString()),
                Long.toString(x.cpuNanos())));
        }
        return String.join("\t", f);
    }

    static Row decode(String line) {
        String[] f = line.split("\t", -1);
        ClosedLoopDriver.Result x = null;
        if (f.length >= 21) {
            long count = Long.parseLong(f[9]);
            long elapsed = Long.parseLong(f[10]);
            LatencyRecorder.Stats s = new LatencyRecorder.Stats(count, elapsed, count / (elapsed / 1e9),
                Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14]),
                Double.parseDouble(f[15]));
            String err = unclean(f[19]);
            x = new ClosedLoopDriver.Result(s, Long.parseLong(f[16]), Long.parseLong(f[17]),
                err == null ? null : new RuntimeException(err), Boolean.parseBoolean(f[18]), Long.parseLong(f[20]));
        }
        return new Row(f[0], Integer.parseInt(f[1]), Boolean.parseBoolean(f[2]), Integer.parseInt(f[3]),
            Durability.valueOf(f[4]), Integer.parseInt(f[5]), x, unclean(f[7]), Double.parseDouble(f[6]),
            unclean(f[8]));
    }

    private static String clean(String s) {
        return s == null ? "-" : s.replaceAll("[\t\r\n]+", " ");
    }

    private static String unclean(String s) {
        return "-".equals(s) ? null : s;
    }

    /**
     * On a machine with 2 cores, ForkJoinPool.commonPool() has parallelism 1, and the JDK then makes
     * CompletableFuture's default async executor a new thread per task. Ratis calls {@code *Async} methods without
     * an executor on its hot path, so it would start one thread per write (about 10 000 threads/s here) and run
     * ~15x slower than on a 3+-core machine. Unless the property is already given (-D on the JVM), set the
     * common pool's parallelism to max(2, cores), which is what a machine with one more core gets by default.
     * Applies to every system in the run alike. Returns whether the pool is in use.
     */
    public static boolean ensureAsyncPool() {
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            System.setProperty(COMMON_POOL_PARALLELISM,
                Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors())));
        }
        return java.util.concurrent.CompletableFuture
            .supplyAsync(() -> Thread.currentThread() instanceof java.util.concurrent.ForkJoinWorkerThread)
            .join();
    }

    public static String describeAsyncPool(boolean pooled) {
        return String.format(Locale.ROOT, "commonPool parallelism %d, CompletableFuture async default: %s",
            java.util.concurrent.ForkJoinPool.getCommonPoolParallelism(),
            pooled ? "commonPool" : "NEW THREAD PER TASK (pass -D" + COMMON_POOL_PARALLELISM + "=2 to the JVM)");
    }

    /** Runs the benchmark; returns a process exit code (0 = every cell ran, 1 = some failed, 2 = bad usage). */
    public static int run(String[] args, PrintStream out) throws Exception {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            out.println(usage());
            return 2;
        }
        if (o == null) {
            out.println(usage());
            return 0;
        }
        if (!o.fork() && !o.child()) {
            out.println("running all cells in this JVM (" + describeAsyncPool(ensureAsyncPool()) + ")");
        }
        List<Row> rows = runAll(o, out);
        if (o.child()) {
            for (Row r : rows) out.println(RESULT_MARKER + encode(r));
            return rows.stream().allMatch(Row::ok) ? 0 : 1;
        }
        String report = report(o, rows);
        out.println();
        out.print(report);
        if (o.out() != null) {
            Path parent = o.out().toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(o.out(), report, StandardCharsets.UTF_8);
            out.println("written: " + o.out().toAbsolutePath());
        }
        return rows.stream().allMatch(Row::ok) ? 0 : 1;
    }

    static List<Row> runAll(Options o, PrintStream out) throws IOException {
        Files.createDirectories(o.dataDir());
        Path runDir = Files.createTempDirectory(o.dataDir(), "novacron-bench-");
        if (!o.child()) {
            out.printf(Locale.ROOT, "data dir: %s (%s)%s%n", runDir, fsType(runDir),
                o.fork() ? ", one JVM per system" : "");
        }
        Path logDir = o.fork()
            ? Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"),
                "novacron-bench-logs-" + ProcessHandle.current().pid()))
            : null;
        List<Row> rows = new ArrayList<>();
        try {
            for (String name : o.systems()) {
                if (o.fork()) {
                    try {
                        rows.addAll(forkSystem(o, name, runDir, logDir, out));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                    continue;
                }
                Supplier<ConsensusSystem> f = Systems.factory(name);
                if (!o.jvmWarmup().isZero()) {
                    // Let the JIT compile this system's hot paths before any measured cell: cycle through every
                    // cell's configuration (both logs, all sizes), splitting the time evenly; results discarded.
                    int cells = o.durabilities().size() * o.payloads().size();
                    Duration slice = o.jvmWarmup().dividedBy(cells);
                    out.println("JVM warm-up, " + Limit.ofTime(o.jvmWarmup()) + " over all cells (discarded):");
                    for (Durability d : o.durabilities()) {
                        for (int payload : o.payloads()) {
                            Workload w = new Workload(payload, o.inFlight(), Limit.ofTime(Duration.ZERO),
                                Limit.ofTime(slice), d);
                            runCell(f.get(), w, runDir, out);
                        }
                    }
                    out.println("measured cells:");
                }
                for (Durability d : o.durabilities()) {
                    for (int payload : o.payloads()) {
                        Workload w = new Workload(payload, o.inFlight(), o.warmup(), o.measure(), d);
                        Row row = runCell(f.get(), w, runDir, out);
                        if (row != null) rows.add(row);
                    }
                }
            }
            if (logDir != null) {
                out.println("library logs (slf4j, WARN and up), one per cell: " + logDir);
            }
        } finally {
            deleteRecursively(runDir);
        }
        return rows;
    }

    /** Runs one cell; null if the system does not support the cell's durability. */
    static Row runCell(ConsensusSystem sys, Workload w, Path runDir, PrintStream out) {
        if (!sys.supportedDurabilities().contains(w.durability())) {
            out.printf(Locale.ROOT, "skip %s %d B %s: durability not supported%n", sys.name(), w.payloadBytes(),
                w.durability().label());
            return null;
        }
        String cell = String.format(Locale.ROOT, "%s-%dB-%s", sys.name(), w.payloadBytes(),
            w.durability().name().toLowerCase(Locale.ROOT));
        out.printf(Locale.ROOT, "run  %-16s %5d B  %-10s in-flight %d, warm-up %s, measure %s ...%n",
            sys.name(), w.payloadBytes(), w.durability().label(), w.inFlight(), w.warmup(), w.measure());
        Path dir = runDir.resolve(cell);
        double loadAvg = -1;
        String notes = null;
        ClosedLoopDriver.Result result = null;
        String failure = null;
        try {
            Files.createDirectories(dir);
            sys.start(w, dir);
            result = new ClosedLoopDriver(sys, w).run();
            // 1-minute load average as the measured phase ends: this process plus anything else on the machine.
            loadAvg = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            try {
                notes = sys.notes();
            } catch (RuntimeException e) {
                notes = "notes() failed: " + e;
            }
            if (!result.drained()) {
                failure = "outstanding proposals did not complete";
            } else if (result.stats().count() == 0) {
                failure = "no proposal committed in the measured phase"
                    + (result.firstError() != null ? ": " + result.firstError() : "");
            }
        } catch (Exception e) {
            failure = e.toString();
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        } finally {
            try {
                sys.stop();
            } catch (Exception e) {
                if (failure == null) failure = "stop failed: " + e;
            }
            try {
                deleteRecursively(dir);
            } catch (IOException | UncheckedIOException e) {
                out.println("warning: could not delete " + dir + ": " + e);
            }
        }
        if (result != null) {
            LatencyRecorder.Stats s = result.stats();
            out.printf(Locale.ROOT,
                "     -> %,.0f ops/s  p50 %.3f ms  p99 %.3f ms  (%d ops in %.1f s, %d errors; %.1f us CPU/op;"
                    + " load avg %.2f)%n",
                s.opsPerSec(), s.p50Millis(), s.p99Millis(), s.count(), s.elapsedSeconds(), result.errors(),
                result.cpuMicrosPerOp(), loadAvg);
            if (result.firstError() != null) out.println("     first error: " + result.firstError());
        }
        if (notes != null) out.println("     note: " + notes);
        if (failure != null) out.println("     FAILED: " + failure);
        return new Row(sys.name(), sys.replicas(), sys.isBaseline(), w.payloadBytes(), w.durability(),
            w.inFlight(), result, failure, loadAvg, notes);
    }

    // ---------------------------------------------------------------- report

    static String report(Options o, List<Row> unsorted) {
        // Group by cell (durability, then payload), systems in command-line order within a cell.
        List<Row> rows = new ArrayList<>(unsorted);
        rows.sort(java.util.Comparator.<Row>comparingInt(r -> o.durabilities().indexOf(r.durability()))
            .thenComparingInt(r -> o.payloads().indexOf(r.payload())));
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Closed loop, %d proposals in flight; per system one JVM warm-up of %s,"
                + " then per cell a warm-up of %s and a measured %s. %s, %d cores.%n"
                + "Latency = submit to commit. CPU us/op = CPU time of the whole benchmark JVM (system + harness)"
                + " in the measured window / ops.%nload = 1-min load average of the machine at the end of the cell.%n%n",
            o.inFlight(), o.jvmWarmup().isZero() ? "0 s" : Limit.ofTime(o.jvmWarmup()).toString(), o.warmup(),
            o.measure(), Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors()));
        List<String[]> t = new ArrayList<>();
        t.add(new String[] {"system", "replicas", "payload", "durability", "ops/s", "p50 ms", "p99 ms", "p99.9 ms",
            "errors", "CPU us/op", "load"});
        for (Row r : rows) {
            if (r.result() != null && r.ok()) {
                LatencyRecorder.Stats s = r.result().stats();
                t.add(new String[] {r.system(), Integer.toString(r.replicas()), payload(r.payload()),
                    r.durability().label(), fmt0(s.opsPerSec()), fmt3(s.p50Millis()), fmt3(s.p99Millis()),
                    fmt3(s.p999Millis()), Long.toString(r.result().errors()),
                    r.result().cpuMicrosPerOp() < 0 ? "n/a"
                        : String.format(Locale.ROOT, r.result().cpuMicrosPerOp() >= 10 ? "%,.0f" : "%.3f",
                            r.result().cpuMicrosPerOp()),
                    String.format(Locale.ROOT, "%.1f", r.loadAvg())});
            } else {
                t.add(new String[] {r.system(), Integer.toString(r.replicas()), payload(r.payload()),
                    r.durability().label(), "FAILED", "", "", "", r.failure(), "", ""});
            }
        }
        b.append(markdown(t, 4));
        for (Row r : rows) {
            if (r.notes() != null) {
                b.append(String.format(Locale.ROOT, "%nNote, %s %s %s: %s", r.system(), payload(r.payload()),
                    r.durability().label(), r.notes()));
            }
        }
        if (rows.stream().anyMatch(r -> r.notes() != null)) b.append(String.format("%n"));

        List<String[]> ratios = new ArrayList<>();
        ratios.add(new String[] {"system", "vs", "payload", "durability", "ops/s ratio", "p50 ratio", "p99 ratio"});
        for (Row r : rows) {
            if (r.baseline() || !r.ok()) continue;
            for (Row base : rows) {
                if (!base.baseline() || !base.ok() || base.payload() != r.payload()
                    || base.durability() != r.durability()) {
                    continue;
                }
                LatencyRecorder.Stats s = r.result().stats();
                LatencyRecorder.Stats bs = base.result().stats();
                ratios.add(new String[] {r.system(), base.system(), payload(r.payload()), r.durability().label(),
                    ratio(s.opsPerSec(), bs.opsPerSec()), ratio(s.p50Nanos(), bs.p50Nanos()),
                    ratio(s.p99Nanos(), bs.p99Nanos())});
            }
        }
        if (ratios.size() > 1) {
            b.append(String.format(Locale.ROOT,
                "%nRatio to the baseline in the same cell (ops/s: higher is better; latency: lower is better):%n%n"));
            b.append(markdown(ratios, 4));
        }
        return b.toString();
    }

    private static String payload(int bytes) {
        return bytes >= 1024 && bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " B";
    }

    private static String fmt0(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String fmt3(double v) {
        return String.format(Locale.ROOT, v >= 0.1 || v == 0 ? "%.3f" : "%.5f", v);
    }

    private static String ratio(double a, double b) {
        return b == 0 ? "n/a" : String.format(Locale.ROOT, "%.2fx", a / b);
    }

    /** Renders rows as an aligned Markdown table; columns from {@code firstNumeric} on are right-aligned. */
    static String markdown(List<String[]> rows, int firstNumeric) {
        int cols = rows.get(0).length;
        int[] w = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) w[i] = Math.max(w[i], Math.max(3, r[i].length()));
        }
        StringBuilder b = new StringBuilder();
        for (int ri = 0; ri < rows.size(); ri++) {
            String[] r = rows.get(ri);
            b.append('|');
            for (int i = 0; i < cols; i++) {
                String cell = r[i];
                String pad = " ".repeat(w[i] - cell.length());
                b.append(' ').append(i >= firstNumeric && ri > 0 ? pad + cell : cell + pad).append(" |");
            }
            b.append('\n');
            if (ri == 0) {
                b.append('|');
                for (int i = 0; i < cols; i++) {
                    String dashes = "-".repeat(w[i]);
                    b.append(' ').append(i >= firstNumeric ? dashes.substring(1) + ":" : dashes).append(" |");
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- command line

    static String usage() {
        return String.join("\n",
            "usage: BenchmarkMain [options]   (via: mvn -q -pl bench exec:java -Dexec.args=\"...\")",
            "  --systems=LIST      comma-separated; registered: " + Systems.names()
                + " or a ConsensusSystem class name (default noop,ratis)",
            "  --payloads=LIST     payload sizes in bytes (default 16,1024)",
            "  --durability=LIST   disk,memory (default disk,memory); disk = on-disk log with fsync",
            "  --inflight=N        proposals kept in flight, closed loop (default 256)",
            "  --jvm-warmup=TIME   per system, once, before its cells: discarded runs through all cells so the",
            "                      JIT has compiled the hot paths (default 20s; 0 to skip; 60s for published figures)",
            "  --warmup=TIME       warm-up per cell: 5s, 500ms, 1m (default 5s)",
            "  --duration=TIME     measured time per cell (default 8s)",
            "  --warmup-ops=N      end the warm-up after N commits instead (time stays a cap)",
            "  --ops=N             end the measurement after N commits instead (time stays a cap)",
            "  --data-dir=PATH     where the logs go (default java.io.tmpdir); must be a real disk for 'disk'",
            "  --out=FILE          also write the result tables (Markdown) to FILE",
            "  --in-process        run everything in this JVM (default: a fresh JVM per system, same class path)",
            "  --help");
    }

    static Options parse(String[] args) {
        List<String> systems = List.of("noop", "ratis");
        List<Integer> payloads = List.of(16, 1024);
        List<Durability> durabilities = List.of(Durability.DISK_FSYNC, Durability.MEMORY);
        int inFlight = 256;
        Duration jvmWarmup = Duration.ofSeconds(20);
        Duration warmup = Duration.ofSeconds(5);
        Duration duration = Duration.ofSeconds(8);
        long warmupOps = 0;
        long ops = 0;
        Path dataDir = Path.of(System.getProperty("java.io.tmpdir"));
        Path out = null;
        boolean inProcess = false;
        boolean cell = false;
        // exec.args arrives as one string when quoted oddly; split on whitespace to be forgiving.
        List<String> tokens = new ArrayList<>();
        for (String a : args) tokens.addAll(Arrays.asList(a.trim().split("\\s+")));
        for (String a : tokens) {
            if (a.isEmpty()) continue;
            if (a.equals("--help") || a.equals("-h")) return null;
            if (a.equals("--in-process")) {
                inProcess = true;
                continue;
            }
            if (a.equals("--child")) { // internal: this JVM runs one system's cells for a parent
                cell = true;
                continue;
            }
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0) throw new IllegalArgumentException("bad argument: " + a);
            String k = a.substring(2, eq);
            String v = a.substring(eq + 1);
            switch (k) {
                case "systems": systems = split(v); break;
                case "payloads": payloads = split(v).stream().map(Integer::parseInt).toList(); break;
                case "durability": durabilities = split(v).stream().map(Durability::parse).toList(); break;
                case "inflight": inFlight = Integer.parseInt(v); break;
                case "warmup": warmup = parseDuration(v); break;
                case "jvm-warmup": jvmWarmup = parseDuration(v); break;
                case "duration": duration = parseDuration(v); break;
                case "warmup-ops": warmupOps = Long.parseLong(v); break;
                case "ops": ops = Long.parseLong(v); break;
                case "data-dir": dataDir = Path.of(v); break;
                case "out": out = Path.of(v); break;
                default: throw new IllegalArgumentException("unknown option --" + k);
            }
        }
        for (String s : systems) Systems.factory(s); // fail fast on unknown names
        Limit w = warmupOps > 0 ? new Limit(maxCap(warmup, warmupOps), warmupOps) : Limit.ofTime(warmup);
        Limit m = ops > 0 ? new Limit(maxCap(duration, ops), ops) : Limit.ofTime(duration);
        return new Options(systems, payloads, durabilities, inFlight, w, m, dataDir, out, !inProcess && !cell, cell,
            jvmWarmup);
    }

    /** With an op count, the time is only a safety cap: at least {@link Limit#OPS_SAFETY_CAP}. */
    private static Duration maxCap(Duration given, long ops) {
        return given.compareTo(Limit.OPS_SAFETY_CAP) > 0 ? given : Limit.OPS_SAFETY_CAP;
    }

    private static List<String> split(String v) {
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static Duration parseDuration(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith("ms")) return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        if (s.endsWith("s")) return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
        if (s.endsWith("m")) return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)) * 60);
        return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
    }

    // ---------------------------------------------------------------- files

    private static String fsType(Path p) {
        try {
            return Files.getFileStore(p).type();
        } catch (IOException e) {
            return "unknown fs";
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) return;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
