package io.novacron.bench.cluster;

import io.novacron.bench.BenchmarkMain;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Drives host registrations through running NovaCron servers and prints throughput, commit latency and errors by
 * status: the write path through HTTP, the server, the transport and the grid, to set beside the same consensus
 * engines measured in-process by {@link io.novacron.bench.BenchmarkMain}. docs/benchmarks/cluster-write-path.md
 * has the commands; {@code --help} lists the options.
 *
 * <pre>
 * mvn -o -q -pl bench exec:java -Dexec.mainClass=io.novacron.bench.cluster.ClusterLoad \
 *     -Dexec.args="--urls http://127.0.0.1:9080 --password-file cluster/node-1/data/initial-admin-password"
 * </pre>
 *
 * Exit status: 0 when writes were committed in the measured window; 1 when none was, or the cluster is unreachable
 * or refuses the credentials (one line on stderr, no stack trace); 2 for a bad command line.
 */
public final class ClusterLoad {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    private static final String PREFIX = "cluster-load: ";
    /** The checks before the run are single requests; the least time they get, even with a shorter --timeout. */
    private static final Duration PREFLIGHT_TIMEOUT = Duration.ofSeconds(5);

    private ClusterLoad() {
    }

    public static void main(String[] args) throws InterruptedException {
        // Before anything touches CompletableFuture: on 2 cores the JDK would otherwise start a new thread for
        // every async step that names no executor, as the JDK's HTTP client does on its write path; measured here,
        // that nearly tripled the harness's CPU per write (docs/benchmarks/cluster-write-path.md).
        if (!BenchmarkMain.ensureAsyncPool()) {
            System.out.println("warning: " + BenchmarkMain.describeAsyncPool(false)
                + "; under exec:java Maven's JVM has made its pool already: put the property in MAVEN_OPTS");
        }
        int rc = run(args, System.out, System.err, System::getenv);
        System.out.flush();
        // Exit explicitly: exec:java would otherwise wait for the HTTP clients' threads.
        System.exit(rc);
    }

    static int run(String[] args, PrintStream out, PrintStream err, UnaryOperator<String> getenv)
        throws InterruptedException {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (UsageException e) {
            err.println(PREFIX + e.getMessage() + " (--help lists the options)");
            return EXIT_USAGE;
        }
        if (options == null) {
            out.println(LoadOptions.usage());
            return EXIT_OK;
        }
        ExecutorService executor = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), daemonThreads());
        try {
            List<HttpClient> clients = new ArrayList<>();
            for (int i = 0; i < options.clients(); i++) clients.add(newClient(executor, options.requestTimeout()));
            List<Endpoint> endpoints = Endpoint.of(options.urls(), options.user(),
                Endpoint.passwords(options.password(), getenv));

            // A server still working through an earlier run's backlog answers late but is not unreachable.
            Duration preflightTimeout = options.requestTimeout().compareTo(PREFLIGHT_TIMEOUT) > 0
                ? options.requestTimeout() : PREFLIGHT_TIMEOUT;
            Preflight preflight = new Preflight(clients.get(0), preflightTimeout);
            preflight.checkWriters(endpoints, options.user());
            if (options.target() == LoadOptions.Target.LEADER) endpoints = List.of(preflight.leader(endpoints));

            List<String> servers = endpoints.stream().map(Endpoint::toString).toList();
            out.println(header(options, servers));
            HostWriter writer = new HostWriter(clients, endpoints, options.runId(), options.requestTimeout());
            LoadSummary summary = new LoadRun(options, writer::write, out)
                .run(options.target().name().toLowerCase(Locale.ROOT), servers);
            out.print(ResultReport.summary(summary));
            out.println(ResultReport.resultLine(summary));
            if (summary.committed() == 0) {
                err.println(PREFIX + "no write was committed in the measured window"
                    + (summary.errors().isEmpty() ? "" : " (errors: " + summary.errors() + ")"));
                return EXIT_FAILED;
            }
            return EXIT_OK;
        } catch (LoadFailure e) {
            err.println(PREFIX + e.getMessage());
            return EXIT_FAILED;
        } finally {
            executor.shutdownNow();
        }
    }

    private static String header(LoadOptions o, List<String> servers) {
        String loop = o.mode() == LoadOptions.Mode.OPEN
            ? String.format(Locale.ROOT, "open loop, %,.0f writes/s, at most %,d in flight", o.ratePerSec(),
                o.inFlight())
            : String.format(Locale.ROOT, "closed loop, %,d in flight", o.inFlight());
        return String.format(Locale.ROOT, "%s: %s; %s warm-up, %s measured; run %s (hosts load-%s-N) to %s",
            o.label(), loop, seconds(o.warmup()), seconds(o.duration()), o.runId(), o.runId(),
            String.join(", ", servers));
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /**
     * HTTP/1.1 explicitly: the JDK client's default, HTTP/2, would first try an h2c upgrade on plain http, and the
     * servers' clients (browsers, curl, scripts) speak HTTP/1.1. No redirects: a write answered elsewhere is an error.
     */
    private static HttpClient newClient(ExecutorService executor, Duration connectTimeout) {
        return HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(connectTimeout)
            .executor(executor)
            .build();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "cluster-load-http-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
