package io.novacron.bench.cluster;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends host registrations asynchronously and turns every answer or failure into an {@link Outcome}, never into an
 * exceptional future, so the caller's accounting has one path. Write {@code n} goes to endpoint {@code n mod E}:
 * round-robin spreads the servers' work evenly.
 *
 * <p>The writes go through one Apache HttpClient 5 async client ({@link #newClient}) set up to wake as few threads
 * per request as it can: the issuing thread hands the request to an I/O reactor thread, and that thread parses the
 * answer and completes the write's future itself, so whatever the caller chained on the future without an executor
 * (the load run's accounting) runs there too. No executor, no {@code CompletableFuture} async step, no thread per
 * connection. Per request the reactor thread wakes twice (the request handed over, the answer arriving) and the
 * issuing thread once; at a moderate rate those wake-ups are most of the harness's CPU. The JDK's {@code HttpClient},
 * used before, woke more threads and cost about 2.5 times as much CPU per request at 1,000 writes/s and 4 times as
 * much in a closed loop (docs/benchmarks/cluster-write-path.md, "What the harness itself costs").
 */
public final class HostWriter {

    /** HTTP status of a registered host: the write is committed. */
    public static final int CREATED = 201;
    /** Longest part of an error body kept for the summary: enough for a problem document's type and detail. */
    private static final int DETAIL_CHARS_MAX = 300;
    /**
     * Bytes of an error body read for the summary; the rest is skipped. Room for {@link #DETAIL_CHARS_MAX}
     * characters after white space is collapsed, even of multi-byte UTF-8.
     */
    private static final int DETAIL_BYTES_MAX = 4 * 1024;
    /** The server parses {@code application/json}; the body is ASCII, so no charset parameter. */
    private static final ContentType JSON = ContentType.create("application/json", (java.nio.charset.Charset) null);
    private static final Outcome COMMITTED = new Outcome(CREATED, null, null);
    private static final String HOSTS_PATH = "/api/v1/hosts";

    /**
     * What became of one write.
     *
     * @param status HTTP status, or 0 when no response came
     * @param failure for status 0: {@code timeout}, {@code connect-refused}, {@code connect-timeout} or {@code io}
     * @param detail  the response body of an error, or the exception message; for the summary's first-error lines
     */
    public record Outcome(int status, String failure, String detail) {

        public boolean committed() {
            return status == CREATED;
        }

        /** How errors are grouped in the summary: the status code, or the failure when no response came. */
        public String key() {
            return status > 0 ? Integer.toString(status) : failure;
        }
    }

    private final CloseableHttpAsyncClient client;
    private final List<HttpHost> hosts;
    private final List<Endpoint> endpoints;
    private final String runId;

    /** @param client made by {@link #newClient} and started; the caller closes it */
    public HostWriter(CloseableHttpAsyncClient client, List<Endpoint> endpoints, String runId) {
        if (endpoints.isEmpty()) throw new IllegalArgumentException("no endpoint");
        this.client = client;
        this.endpoints = List.copyOf(endpoints);
        this.hosts = endpoints.stream().map(e -> HttpHost.create(e.base())).toList();
        this.runId = runId;
    }

    /**
     * The client the harness sends everything through, started. HTTP/1.1 (what the servers' other clients speak),
     * keep-alive, no retries (a retried write would be a second registration, answered 409), no redirects (a write
     * answered elsewhere is an error), no cookies or authentication state (HTTP Basic is sent with every request).
     *
     * @param ioThreads          I/O reactor threads; each runs its share of the connections. One keeps up with
     *                           40,000 requests/s on this machine; 2 or 4 cost the same CPU per request within the
     *                           noise
     * @param connectionsPerRoute the most connections to one server: HTTP/1.1 carries one request per connection at
     *                           a time, so the writes allowed in flight; the pool never makes a write wait for one
     * @param routes             how many servers are written to
     * @param timeout            the limit to connect, to wait for a pooled connection, and to wait for the answer
     *                           once the request is sent (reset by every byte that arrives)
     */
    public static CloseableHttpAsyncClient newClient(int ioThreads, int connectionsPerRoute, int routes,
                                                     Duration timeout) {
        Timeout limit = Timeout.ofMilliseconds(timeout.toMillis());
        var connections = PoolingAsyncClientConnectionManagerBuilder.create()
            // LAX: per-route locks instead of one lock over the pool; the issuer leases while the reactor releases.
            .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
            .setMaxConnPerRoute(connectionsPerRoute)
            .setMaxConnTotal((int) Math.min(Integer.MAX_VALUE, (long) connectionsPerRoute * routes))
            .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit).build())
            .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
            .build();
        CloseableHttpAsyncClient client = HttpAsyncClients.custom()
            .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(ioThreads).setTcpNoDelay(true).build())
            .setConnectionManager(connections)
            .setDefaultRequestConfig(RequestConfig.custom()
                .setResponseTimeout(limit)
                .setConnectionRequestTimeout(limit)
                .setRedirectsEnabled(false)
                .setExpectContinueEnabled(false)
                .build())
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableAuthCaching()
            .disableConnectionState()
            .disableContentCompression()
            .setThreadFactory(daemonThreads())
            .build();
        client.start();
        return client;
    }

    /** Registers host {@code n} of this run; the future always completes normally, on an I/O reactor thread. */
    public CompletableFuture<Outcome> write(long n) {
        int e = (int) (n % endpoints.size());
        BasicHttpRequest request = new BasicHttpRequest(Method.POST, hosts.get(e), HOSTS_PATH);
        request.addHeader("Authorization", endpoints.get(e).authorization());
        request.addHeader("Accept", "application/json");
        byte[] body = HostBody.json(runId, n).getBytes(StandardCharsets.US_ASCII);
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        try {
            client.execute(new BasicRequestProducer(request, new BasicAsyncEntityProducer(body, JSON)),
                new OutcomeConsumer(), new FutureCallback<Outcome>() {
                    @Override
                    public void completed(Outcome result) {
                        outcome.complete(result);
                    }

                    @Override
                    public void failed(Exception error) {
                        outcome.complete(HostWriter.failed(error));
                    }

                    @Override
                    public void cancelled() {
                        outcome.complete(new Outcome(0, "io", "cancelled by the HTTP client"));
                    }
                });
        } catch (RuntimeException error) {
            outcome.complete(failed(error));
        }
        return outcome;
    }

    /**
     * Reads an answer into its {@link Outcome} on the reactor thread. A 201's body (the host as stored) is not
     * needed: its bytes are skipped as they arrive, no String is built. An error body is kept, up to
     * {@link #DETAIL_BYTES_MAX} bytes, for the summary.
     */
    private static final class OutcomeConsumer extends AbstractBinResponseConsumer<Outcome> {
        private int status;
        private byte[] detail;
        private int detailLength;
        private boolean cut;

        @Override
        protected void start(HttpResponse response, ContentType contentType) {
            status = response.getCode();
        }

        @Override
        protected int capacityIncrement() {
            return Integer.MAX_VALUE;
        }

        @Override
        protected void data(ByteBuffer src, boolean endOfStream) {
            if (status == CREATED) {
                src.position(src.limit());
                return;
            }
            if (detail == null) detail = new byte[DETAIL_BYTES_MAX];
            int n = Math.min(src.remaining(), DETAIL_BYTES_MAX - detailLength);
            src.get(detail, detailLength, n);
            detailLength += n;
            if (src.hasRemaining()) {
                cut = true;
                src.position(src.limit());
            }
        }

        @Override
        protected Outcome buildResult() {
            if (status == CREATED) return COMMITTED;
            String body = detail == null ? "" : new String(detail, 0, detailLength, StandardCharsets.UTF_8);
            return new Outcome(status, null, detailOf(body, cut));
        }

        @Override
        public void releaseResources() {
        }
    }

    /** White space collapsed, at most {@link #DETAIL_CHARS_MAX} characters, "..." when something was left out. */
    static String detailOf(String body, boolean cut) {
        String text = body.replaceAll("\\s+", " ");
        if (text.length() > DETAIL_CHARS_MAX) return text.substring(0, DETAIL_CHARS_MAX) + "...";
        return cut ? text + "..." : text;
    }

    static Outcome failed(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
            && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String kind;
        // The connect timeout first: it is a timeout too, but means the server never accepted, not that it was
        // slow to answer. A connection refused is a ConnectException (HttpHostConnectException).
        if (cause instanceof ConnectTimeoutException) {
            kind = "connect-timeout";
        } else if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException) {
            // The response timeout, or no pooled connection free in time (DeadlineTimeoutException).
            kind = "timeout";
        } else if (cause instanceof ConnectException) {
            kind = "connect-refused";
        } else if (cause instanceof IOException) {
            kind = "io";
        } else {
            kind = "client-" + cause.getClass().getSimpleName();
        }
        return new Outcome(0, kind, cause.getClass().getName() + ": " + cause.getMessage());
    }

    /** Daemon threads: a harness that returns from main must not be kept alive by the reactor. */
    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "cluster-load-io-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
