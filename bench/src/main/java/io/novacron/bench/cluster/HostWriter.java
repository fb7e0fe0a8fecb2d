package io.novacron.bench.cluster;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Sends host registrations asynchronously and turns every answer or failure into an {@link Outcome}, never into an
 * exceptional future, so the caller's accounting has one path. Write {@code n} goes to endpoint {@code n mod E}
 * through client {@code n mod C}: round-robin spreads both the servers' and the clients' work evenly.
 *
 * <p>Several clients because each {@link HttpClient} runs all its connections' I/O on one selector thread; with
 * hundreds of requests in flight that single thread, not the server, would otherwise set the ceiling. The JDK client
 * does not cap concurrent HTTP/1.1 connections per host (it opens one per outstanding request and keeps idle ones
 * for reuse), so the number in flight is bounded by the caller alone.
 */
public final class HostWriter {

    /** HTTP status of a registered host: the write is committed. */
    public static final int CREATED = 201;
    /** Longest part of an error body kept for the summary: enough for a problem document's type and detail. */
    private static final int DETAIL_CHARS_MAX = 300;

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

    /**
     * A 201's body (the host as stored) is not needed, and reading it into a String per write costs CPU that the
     * harness shares with the servers; error bodies are kept for the summary.
     */
    private static final HttpResponse.BodyHandler<String> BODY = info -> info.statusCode() == CREATED
        ? HttpResponse.BodySubscribers.replacing(null)
        : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);

    private final List<HttpClient> clients;
    private final List<URI> hostsUris;
    private final List<Endpoint> endpoints;
    private final String runId;
    private final Duration timeout;

    public HostWriter(List<HttpClient> clients, List<Endpoint> endpoints, String runId, Duration timeout) {
        if (clients.isEmpty() || endpoints.isEmpty()) throw new IllegalArgumentException("no client or endpoint");
        this.clients = List.copyOf(clients);
        this.endpoints = List.copyOf(endpoints);
        this.hostsUris = endpoints.stream().map(e -> e.resolve("/api/v1/hosts")).toList();
        this.runId = runId;
        this.timeout = timeout;
    }

    /** Registers host {@code n} of this run; the future always completes normally. */
    public CompletableFuture<Outcome> write(long n) {
        int e = (int) (n % endpoints.size());
        HttpRequest request = HttpRequest.newBuilder(hostsUris.get(e))
            .timeout(timeout)
            .header("Authorization", endpoints.get(e).authorization())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(HostBody.json(runId, n)))
            .build();
        HttpClient client = clients.get((int) (n % clients.size()));
        try {
            return client.sendAsync(request, BODY)
                .handle((response, error) -> error == null ? answered(response) : failed(error));
        } catch (RuntimeException e2) {
            return CompletableFuture.completedFuture(failed(e2));
        }
    }

    private static Outcome answered(HttpResponse<String> response) {
        if (response.statusCode() == CREATED) return new Outcome(CREATED, null, null);
        String body = response.body() == null ? "" : response.body().replaceAll("\\s+", " ");
        return new Outcome(response.statusCode(), null,
            body.length() > DETAIL_CHARS_MAX ? body.substring(0, DETAIL_CHARS_MAX) + "..." : body);
    }

    static Outcome failed(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
            && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String kind;
        // The connect-timeout subclass first: it means the server never accepted, not that it was slow to answer.
        if (cause instanceof HttpConnectTimeoutException) {
            kind = "connect-timeout";
        } else if (cause instanceof HttpTimeoutException) {
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
}
