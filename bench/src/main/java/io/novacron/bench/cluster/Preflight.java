package io.novacron.bench.cluster;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.core5.util.Timeout;

/**
 * Checks, before any load, that every server answers and accepts the credentials with a role that may register
 * hosts, and finds the leader when asked. A load run against a server that refuses every write would print a
 * summary full of 401s; failing here instead gives one line that says what to fix. It uses the writes' client
 * ({@link HostWriter#newClient}), one request at a time, with a limit of its own for the answer.
 */
public final class Preflight {

    /** Roles that may {@code POST /api/v1/hosts} (api-guide.md, Roles). */
    private static final Set<String> WRITER_ROLES = Set.of("admin", "operator");
    /** The role names of a Raft leader and a PBFT primary in {@code GET /api/v1/consensus}. */
    private static final Set<String> LEADER_ROLES = Set.of("LEADER", "PRIMARY");

    /** Beyond connect and answer timeouts, how long a check waits before it gives up on the client itself. */
    private static final long GRACE_MILLIS = 5_000;

    private final CloseableHttpAsyncClient client;
    private final Duration timeout;
    private final RequestConfig config;

    /** @param timeout how long each check waits for its answer once sent */
    public Preflight(CloseableHttpAsyncClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
        this.config = RequestConfig.custom().setResponseTimeout(Timeout.ofMilliseconds(timeout.toMillis()))
            .setConnectionRequestTimeout(Timeout.ofMilliseconds(timeout.toMillis())).setRedirectsEnabled(false)
            .build();
    }

    /** Throws with one line for the first endpoint that is unreachable, refuses the user or gives no writer role. */
    public void checkWriters(List<Endpoint> endpoints, String user) throws LoadFailure {
        for (Endpoint e : endpoints) {
            SimpleHttpResponse reply = get(e, "/api/v1/me");
            switch (reply.getCode()) {
                case 200 -> {
                    List<String> roles = roles(text(reply));
                    if (roles.stream().noneMatch(WRITER_ROLES::contains)) {
                        throw new LoadFailure("user '" + user + "' has roles " + roles + " at " + e
                            + "; registering hosts needs admin or operator");
                    }
                }
                case 401 -> throw new LoadFailure("authentication failed for user '" + user + "' at " + e
                    + " (401); check --user and the password for this URL");
                case 403 -> throw new LoadFailure("user '" + user + "' may not use the API at " + e + " (403)");
                default -> throw new LoadFailure("unexpected HTTP " + reply.getCode() + " from " + e
                    + "/api/v1/me; is this a NovaCron server?");
            }
        }
    }

    /**
     * The endpoint whose server reports itself leader or primary; when two do (an election just ended and one has
     * not heard yet), the one with the higher term or view.
     */
    public Endpoint leader(List<Endpoint> endpoints) throws LoadFailure {
        Endpoint best = null;
        long bestTerm = -1;
        List<String> seen = new ArrayList<>();
        for (Endpoint e : endpoints) {
            SimpleHttpResponse reply = get(e, "/api/v1/consensus");
            if (reply.getCode() != 200) {
                throw new LoadFailure("unexpected HTTP " + reply.getCode() + " from " + e + "/api/v1/consensus");
            }
            ConsensusView view = consensusView(text(reply));
            seen.add(e + " " + view.state() + "/" + view.role());
            if (LEADER_ROLES.contains(view.role()) && view.term() > bestTerm) {
                best = e;
                bestTerm = view.term();
            }
        }
        if (best == null) {
            throw new LoadFailure("no server reports itself leader or primary (" + String.join(", ", seen)
                + "); use --target all, or wait for the election");
        }
        return best;
    }

    private SimpleHttpResponse get(Endpoint e, String path) throws LoadFailure {
        SimpleHttpRequest request = SimpleRequestBuilder.get(e.resolve(path))
            .setHeader("Authorization", e.authorization()).setHeader("Accept", "application/json")
            .setRequestConfig(config).build();
        try {
            // The client's own timeouts end every exchange; the bound here only guards against a client that hangs.
            return client.execute(request, null).get(2 * timeout.toMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException ex) {
            Throwable cause = ex.getCause() == null ? ex : ex.getCause();
            if (cause instanceof ConnectTimeoutException || cause instanceof SocketTimeoutException
                || cause instanceof TimeoutException) {
                throw new LoadFailure(e + " did not answer within " + timeout.toSeconds() + " s");
            }
            if (cause instanceof ConnectException) {
                throw new LoadFailure("cannot reach " + e + " (connection refused); is the cluster running?"
                    + " ./novacron cluster status shows each node");
            }
            throw new LoadFailure("cannot reach " + e + ": " + cause);
        } catch (TimeoutException ex) {
            throw new LoadFailure(e + " did not answer within " + timeout.toSeconds() + " s");
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new LoadFailure("interrupted while checking " + e);
        }
    }

    private static String text(SimpleHttpResponse reply) {
        String body = reply.getBodyText();
        return body == null ? "" : body;
    }

    /** The {@code roles} of a {@code GET /api/v1/me} answer, e.g. {@code {"name":"admin","roles":["admin"]}}. */
    static List<String> roles(String meJson) throws LoadFailure {
        JsonObject me = parse(meJson, "/api/v1/me");
        if (!(me.get("roles") instanceof jakarta.json.JsonArray roles)) return List.of();
        List<String> names = new ArrayList<>();
        for (JsonValue v : roles) {
            if (v instanceof JsonString s) names.add(s.getString());
        }
        return names;
    }

    /** What the harness needs of a {@code GET /api/v1/consensus} answer. */
    record ConsensusView(String state, String role, long term) {
    }

    static ConsensusView consensusView(String consensusJson) throws LoadFailure {
        JsonObject c = parse(consensusJson, "/api/v1/consensus");
        long term = c.get("term") instanceof jakarta.json.JsonNumber n ? n.longValue() : -1;
        return new ConsensusView(c.getString("state", "?"), c.getString("role", "?"), term);
    }

    private static JsonObject parse(String json, String what) throws LoadFailure {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new LoadFailure("the answer of " + what + " is not a JSON object");
        }
    }
}
