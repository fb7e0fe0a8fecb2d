package io.novacron.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.core5.io.CloseMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The write path against real HTTP servers on loopback (the JDK's {@link HttpServer}, ephemeral ports): what a
 * write sends, and how each kind of answer or silence becomes an {@link HostWriter.Outcome}. Every wait has a
 * deadline; nothing sleeps.
 */
class HostWriterTest {

    /** Longest any single exchange here may take before the test fails instead of hanging. */
    private static final long DEADLINE_SECONDS = 10;
    private static final String RUN = "t1";

    /** One request as the server saw it. */
    record Seen(String method, String path, String authorization, String contentType, String accept, String body,
                int remotePort) {
    }

    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    /** Released when the test ends: handlers that must not answer wait on it. */
    private final CountDownLatch testOver = new CountDownLatch(1);
    private CloseableHttpAsyncClient client;

    @AfterEach
    void stop() {
        testOver.countDown();
        if (client != null) client.close(CloseMode.GRACEFUL);
        servers.forEach(s -> s.stop(0));
        handlers.shutdownNow();
    }

    /** A server on an ephemeral loopback port; every request is recorded in {@code seen}, then handed to answer. */
    private URI server(BlockingQueue<Seen> seen, Consumer<HttpExchange> answer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(handlers);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var h = exchange.getRequestHeaders();
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                h.getFirst("Authorization"), h.getFirst("Content-Type"), h.getFirst("Accept"), body,
                exchange.getRemoteAddress().getPort()));
            answer.accept(exchange);
        });
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static Consumer<HttpExchange> reply(int status, String body) {
        return exchange -> {
            try (exchange) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                // Length 0 means chunked for HttpServer: the 201 below arrives chunked, the errors with a length.
                exchange.sendResponseHeaders(status, status == 201 ? 0 : bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        };
    }

    private HostWriter writer(Duration timeout, URI... urls) {
        client = HostWriter.newClient(1, 8, urls.length, timeout);
        List<Endpoint> endpoints = new ArrayList<>();
        for (URI u : urls) endpoints.add(Endpoint.basic(u, "admin", "secret"));
        return new HostWriter(client, endpoints, RUN);
    }

    private static HostWriter.Outcome await(CompletableFuture<HostWriter.Outcome> f) throws Exception {
        return f.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void aCreatedIsCommittedAndTheRequestIsAHostRegistration() throws Exception {
        BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
        URI url = server(seen, reply(201, "{\"name\":\"load-t1-7\",\"region\":\"eu-west\"}".repeat(100)));
        HostWriter.Outcome outcome = await(writer(Duration.ofSeconds(5), url).write(7));

        assertTrue(outcome.committed(), outcome::toString);
        assertEquals(new HostWriter.Outcome(201, null, null), outcome);
        Seen request = seen.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
        assertEquals("POST", request.method());
        assertEquals("/api/v1/hosts", request.path());
        assertEquals(Endpoint.basic(url, "admin", "secret").authorization(), request.authorization());
        assertEquals("application/json", request.contentType());
        assertEquals("application/json", request.accept());
        assertEquals(HostBody.json(RUN, 7), request.body());
    }

    @Test
    void aServiceUnavailableKeepsItsBodyWithWhiteSpaceCollapsed() throws Exception {
        URI url = server(new LinkedBlockingQueue<>(),
            reply(503, "{\n  \"status\": 503,\n  \"detail\": \"reaches 1 of 3 members\"\n}\n"));
        HostWriter.Outcome outcome = await(writer(Duration.ofSeconds(5), url).write(0));

        assertEquals(new HostWriter.Outcome(503, null, "{ \"status\": 503, \"detail\": \"reaches 1 of 3 members\" } "),
            outcome);
        assertEquals("503", outcome.key());
    }

    @Test
    void aLongErrorBodyIsCutTo300Characters() throws Exception {
        URI url = server(new LinkedBlockingQueue<>(), reply(500, "x".repeat(100_000)));
        HostWriter.Outcome outcome = await(writer(Duration.ofSeconds(5), url).write(0));

        assertEquals(500, outcome.status());
        assertEquals("x".repeat(300) + "...", outcome.detail());
    }

    @Test
    void aServerThatNeverAnswersIsATimeout() throws Exception {
        BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
        URI url = server(seen, exchange -> {
            try {
                testOver.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        HostWriter.Outcome outcome = await(writer(Duration.ofMillis(300), url).write(0));

        assertEquals(0, outcome.status(), outcome::toString);
        assertEquals("timeout", outcome.key(), outcome::toString);
        // The request did arrive: this is the answer timing out, not the connection.
        assertEquals(1, seen.size());
    }

    @Test
    void aClosedPortIsConnectionRefused() throws Exception {
        int port;
        // A port that was free a moment ago: nothing listens there now, so the connection is refused at once.
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HostWriter.Outcome outcome = await(writer(Duration.ofSeconds(5), URI.create("http://127.0.0.1:" + port))
            .write(0));

        assertEquals(0, outcome.status(), outcome::toString);
        assertEquals("connect-refused", outcome.key(), outcome::toString);
    }

    @Test
    void writesGoRoundRobinAndEachServerKeepsItsConnection() throws Exception {
        BlockingQueue<Seen> seenA = new LinkedBlockingQueue<>();
        BlockingQueue<Seen> seenB = new LinkedBlockingQueue<>();
        HostWriter writer = writer(Duration.ofSeconds(5), server(seenA, reply(201, "{}")),
            server(seenB, reply(201, "{}")));
        for (long n = 0; n < 6; n++) {
            assertTrue(await(writer.write(n)).committed());
        }

        assertEquals(List.of(HostBody.json(RUN, 0), HostBody.json(RUN, 2), HostBody.json(RUN, 4)),
            seenA.stream().map(Seen::body).toList());
        assertEquals(List.of(HostBody.json(RUN, 1), HostBody.json(RUN, 3), HostBody.json(RUN, 5)),
            seenB.stream().map(Seen::body).toList());
        // One after another, so keep-alive lets every write to a server reuse one connection.
        assertEquals(1, seenA.stream().map(Seen::remotePort).collect(Collectors.toSet()).size());
        assertEquals(1, seenB.stream().map(Seen::remotePort).collect(Collectors.toSet()).size());
    }

    @Test
    void theOutcomeIsCompletedOnTheClientsIoThread() throws Exception {
        CountDownLatch chained = new CountDownLatch(1);
        URI url = server(new LinkedBlockingQueue<>(), exchange -> {
            try {
                // Answer only once the test has chained its step, so the step runs where the future completes.
                if (!chained.await(DEADLINE_SECONDS, TimeUnit.SECONDS)) throw new IllegalStateException("not chained");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(201, "{}").accept(exchange);
        });
        CompletableFuture<String> thread = writer(Duration.ofSeconds(5), url).write(0)
            .thenApply(outcome -> Thread.currentThread().getName());
        chained.countDown();

        String name = thread.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        assertTrue(name.startsWith("cluster-load-io-"), name);
    }

    @Test
    void failuresWithoutAnAnswerAreClassifiedByKind() {
        assertEquals("connect-timeout",
            HostWriter.failed(new ConnectTimeoutException("Connect to 10.255.255.1:9080 timed out")).key());
        assertEquals("connect-refused",
            HostWriter.failed(new HttpHostConnectException("Connection refused")).key());
        assertEquals("timeout",
            HostWriter.failed(new CompletionException(new SocketTimeoutException("10 SECONDS"))).key());
        assertEquals("timeout", HostWriter.failed(new TimeoutException("lease")).key());
        assertEquals("io", HostWriter.failed(new IOException("Connection reset by peer")).key());
        assertEquals("client-IllegalStateException",
            HostWriter.failed(new IllegalStateException("client closed")).key());
        assertEquals("java.io.IOException: Connection reset by peer",
            HostWriter.failed(new IOException("Connection reset by peer")).detail());
    }

    @Test
    void detailIsMarkedWhenTheBodyWasCutShort() {
        assertEquals("{ \"a\": 1 }", HostWriter.detailOf("{\n \"a\": 1\n}", false));
        assertEquals("{ \"a\"...", HostWriter.detailOf("{ \"a\"", true));
        assertEquals("y".repeat(300) + "...", HostWriter.detailOf("y".repeat(301), false));
    }
}
