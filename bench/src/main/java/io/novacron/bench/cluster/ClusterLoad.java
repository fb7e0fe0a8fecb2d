package io.novacron.bench.cluster;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.core5.io.CloseMode;

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
        // No ForkJoinPool common-pool setting is needed any more (the JDK HttpClient needed one on 2 cores): nothing
        // here runs a CompletableFuture async step; the HTTP client completes each write on its I/O thread.
        int rc = run(args, System.out, System.err, System::getenv);
        System.out.flush();
        // Exit explicitly with the run's status; under exec:java, returning from main would report success.
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
        CloseableHttpAsyncClient client = null;
        try {
            List<Endpoint> endpoints = Endpoint.of(options.urls(), options.user(),
                Endpoint.passwords(options.password(), getenv));
            // One connection per write in flight is the most any one server can need (HTTP/1.1, round-robin or not).
            client = HostWriter.newClient(options.clients(), options.inFlight(), endpoints.size(),
                options.requestTimeout());

            // A server still working through an earlier run's backlog answers late but is not unreachable.
            Duration preflightTimeout = options.requestTimeout().compareTo(PREFLIGHT_TIMEOUT) > 0
                ? options.requestTimeout() : PREFLIGHT_TIMEOUT;
            Preflight preflight = new Preflight(client, preflightTimeout);
            preflight.checkWriters(endpoints, options.user());
            if (options.target() == LoadOptions.Target.LEADER) endpoints = List.of(preflight.leader(endpoints));

            List<String> servers = endpoints.stream().map(Endpoint::toString).toList();
            out.println(header(options, servers));
            HostWriter writer = new HostWriter(client, endpoints, options.runId());
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
            if (client != null) client.close(CloseMode.GRACEFUL);
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
}
