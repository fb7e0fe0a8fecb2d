package io.novacron.it.cluster;

import io.novacron.it.ApiClient;
import io.novacron.it.NovaCronServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * N NovaCron servers on loopback, as {@code ./novacron cluster start N} lays them out but on test ports (HTTP
 * 19100+10(i-1), grid 47800+(i-1) and 47400+(i-1), consensus 17800+(i-1)), so they collide neither with a
 * developer's cluster nor with the single test server (19080). Node i lives in
 * {@code target/it-cluster/node-i/}: {@code liberty/} is its Liberty user directory, {@code data/} its data.
 * Every node gets the same random admin password.
 */
final class LocalCluster implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int HTTP_BASE = 19100;
    private static final int GRID_DISCOVERY_BASE = 47800;
    private static final int GRID_COMMUNICATION_BASE = 47400;
    private static final int CONSENSUS_BASE = 17800;

    private final int size;
    private final String protocol;
    private final Map<Integer, Map<String, String>> extraEnvironment = new java.util.HashMap<>();
    private final Path wlp;
    private final Path template;
    private final Path root;
    private final String adminPassword;

    LocalCluster(int size) {
        this(size, "raft");
    }

    /** @param protocol {@code raft} or {@code pbft} */
    LocalCluster(int size, String protocol) {
        this.size = size;
        this.protocol = protocol;
        wlp = Path.of(System.getProperty("novacron.wlp.dir", "target/liberty/wlp")).toAbsolutePath();
        template = wlp.resolve("usr/servers").resolve(System.getProperty("novacron.server.name", "novacron"));
        root = Path.of(System.getProperty("novacron.test.output", "target"), "it-cluster-" + protocol)
                .toAbsolutePath();
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        adminPassword = HexFormat.of().formatHex(random);
    }

    int size() {
        return size;
    }

    String members() {
        return IntStream.rangeClosed(1, size).mapToObj(i -> "node-" + i + "=127.0.0.1:" + (CONSENSUS_BASE + i - 1))
                .collect(Collectors.joining(","));
    }

    /**
     * Starts every node, exchanges their keys (the documented join step) and waits until each is ready; prints how
     * long that took.
     *
     * @param environment extra environment for some nodes (e.g. fault injection), by node
     */
    void startAllReady(Map<Integer, Map<String, String>> environment, Duration deadline) {
        Instant started = Instant.now();
        startAll(environment);
        exchangeKeys(deadline);
        for (int node = 1; node <= size; node++) {
            awaitReady(node, deadline);
        }
        System.out.printf("NovaCron %s test cluster of %d ready in %d ms%n", protocol, size,
                Duration.between(started, Instant.now()).toMillis());
    }

    /** As {@link #startAll()}, with extra environment for some nodes (e.g. fault injection), by node. */
    void startAll(Map<Integer, Map<String, String>> environment) {
        environment.forEach((node, values) -> extraEnvironment.put(node, Map.copyOf(values)));
        startAll();
    }

    /** Lays out every node from scratch and starts them all at once (Liberty's start returns when the kernel is up). */
    void startAll() {
        deleteRecursively(root);
        List<Process> starts = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            prepare(i);
            starts.add(launch(i));
        }
        for (int i = 1; i <= size; i++) {
            awaitStartCommand(i, starts.get(i - 1));
        }
    }

    /**
     * Starts one node again, on the same directories (after {@link #kill}), with extra environment (e.g.
     * {@code NOVACRON_TEST_FAULTS_EQUIVOCATE=true}) for this and its later starts.
     */
    void start(int node, Map<String, String> environment) {
        extraEnvironment.put(node, Map.copyOf(environment));
        start(node);
    }

    /** Starts one node again, on the same directories (after {@link #kill}). */
    void start(int node) {
        prepare(node);
        awaitStartCommand(node, launch(node));
    }

    /**
     * The documented join step: once every node has written its {@code node.pub}, copy each into every other
     * node's {@code cluster/members/<id>.pub}.
     */
    void exchangeKeys(Duration deadline) {
        NovaCronServer.awaitCondition("every node to write cluster/node.pub", deadline,
                () -> IntStream.rangeClosed(1, size).allMatch(i -> Files.isRegularFile(publicKeyFile(i))));
        for (int i = 1; i <= size; i++) {
            for (int j = 1; j <= size; j++) {
                if (i != j) {
                    copy(publicKeyFile(j), dataDirectory(i).resolve("cluster/members/node-" + j + ".pub"));
                }
            }
        }
    }

    void awaitReady(int node, Duration deadline) {
        NovaCronServer.awaitCondition("node-" + node + " to report ready (log: " + log(node) + ")", deadline, () -> {
            if (pid(node).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).isEmpty()
                    && Files.exists(pidFile(node))) {
                throw new AssertionError("node-" + node + " is not running; see " + log(node));
            }
            return get(node, "/health/ready").status() == 200;
        });
    }

    /** kill -9 of the node's server JVM, found by the pid file in its output directory; returns once it is gone. */
    void kill(int node) {
        ProcessHandle process = pid(node).flatMap(ProcessHandle::of)
                .orElseThrow(() -> new AssertionError("node-" + node + " has no running server process"));
        process.destroyForcibly();
        NovaCronServer.awaitCondition("node-" + node + "'s JVM to exit", Duration.ofSeconds(30),
                () -> !process.isAlive());
    }

    /** Stops every node: Liberty's stop in parallel, then destroyForcibly whatever is still alive. */
    @Override
    public void close() {
        List<Process> stops = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            if (pid(i).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).isPresent()) {
                try {
                    ProcessBuilder stop = new ProcessBuilder(wlp.resolve("bin/server").toString(), "stop", "novacron")
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
                    stop.environment().put("WLP_USER_DIR", nodeDirectory(i).resolve("liberty").toString());
                    stops.add(stop.start());
                } catch (IOException e) {
                    System.err.println("Could not stop node-" + i + ": " + e.getMessage());
                }
            }
        }
        Instant end = Instant.now().plusSeconds(60);
        for (Process stop : stops) {
            try {
                stop.waitFor(Math.max(1, Duration.between(Instant.now(), end).toSeconds()),
                        java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = 1; i <= size; i++) {
            pid(i).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    ApiClient.Reply get(int node, String path) {
        return send(node, HttpRequest.newBuilder(uri(node, path)).GET());
    }

    ApiClient.Reply post(int node, String path, String json) {
        return send(node, HttpRequest.newBuilder(uri(node, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    URI uri(int node, String path) {
        return URI.create("http://localhost:" + (HTTP_BASE + 10 * (node - 1)) + path);
    }

    /** Whether node's Liberty log has a line containing {@code text}. */
    boolean logContains(int node, String text) {
        try (var lines = Files.lines(log(node), StandardCharsets.UTF_8)) {
            return lines.anyMatch(line -> line.contains(text));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    Path log(int node) {
        return nodeDirectory(node).resolve("liberty/servers/novacron/logs/messages.log");
    }

    private ApiClient.Reply send(int node, HttpRequest.Builder request) {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword)
                .getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = HTTP.send(request.header("Authorization", basic)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new ApiClient.Reply(response.statusCode(), response.headers().firstValue("Content-Type")
                    .orElse(null), response.headers().firstValue("Location").orElse(null), response.body(),
                    response.headers());
        } catch (IOException e) {
            return new ApiClient.Reply(-1, null, null, e.toString(), HttpRequest.newBuilder(uri(node, "/"))
                    .build().headers());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Node i's Liberty user directory from the build's server: configuration, the EAR and JDBC drivers linked. */
    private void prepare(int node) {
        try {
            Path user = nodeDirectory(node).resolve("liberty");
            Path server = user.resolve("servers/novacron");
            Files.createDirectories(server.resolve("apps"));
            Files.createDirectories(server.resolve("db"));
            Files.createDirectories(user.resolve("shared/resources"));
            Files.createDirectories(dataDirectory(node).resolve("cluster/members"));
            copy(template.resolve("server.xml"), server.resolve("server.xml"));
            for (String db : List.of("h2.xml", "postgresql.xml")) {
                copy(template.resolve("db").resolve(db), server.resolve("db").resolve(db));
            }
            Files.writeString(server.resolve("jvm.options"), Files.readString(template.resolve("jvm.options"))
                    .replaceAll("(?m)^-Xmx.*$", "-Xmx512m"));
            link(server.resolve("apps/novacron.ear"), template.resolve("apps/novacron.ear"));
            link(user.resolve("shared/resources/jdbc"), wlp.resolve("usr/shared/resources/jdbc"));
            Path env = server.resolve("server.env");
            if (!Files.exists(env)) {
                Files.writeString(env, "keystore_password=" + adminPassword + "k\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lay out node-" + node + ": " + e.getMessage(), e);
        }
    }

    private Process launch(int node) {
        ProcessBuilder builder = new ProcessBuilder(wlp.resolve("bin/server").toString(), "start", "novacron",
                "--clean").redirectErrorStream(true)
                .redirectOutput(nodeDirectory(node).resolve("server-start.log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("NOVACRON_"));
        env.put("WLP_USER_DIR", nodeDirectory(node).resolve("liberty").toString());
        env.put("NOVACRON_NODE_ID", "node-" + node);
        env.put("NOVACRON_DATA_DIR", dataDirectory(node).toString());
        env.put("NOVACRON_ADMIN_PASSWORD", adminPassword);
        env.put("NOVACRON_HTTP_PORT", Integer.toString(HTTP_BASE + 10 * (node - 1)));
        env.put("NOVACRON_HTTPS_PORT", Integer.toString(HTTP_BASE + 400 + 10 * (node - 1)));
        env.put("NOVACRON_IIOP_PORT", Integer.toString(HTTP_BASE - 7000 + 10 * (node - 1)));
        env.put("NOVACRON_GRID_DISCOVERY_PORT", Integer.toString(GRID_DISCOVERY_BASE + node - 1));
        env.put("NOVACRON_GRID_COMMUNICATION_PORT", Integer.toString(GRID_COMMUNICATION_BASE + node - 1));
        if (!"pbft".equals(protocol)) { // a PBFT member's grid is its own
            env.put("NOVACRON_GRID_DISCOVERY_ADDRESSES", "127.0.0.1:" + GRID_DISCOVERY_BASE + ".."
                    + (GRID_DISCOVERY_BASE + size - 1));
        }
        env.put("NOVACRON_CLUSTER_MEMBERS", members());
        env.put("NOVACRON_CLUSTER_PORT", Integer.toString(CONSENSUS_BASE + node - 1));
        env.put("NOVACRON_CLUSTER_PROTOCOL", protocol);
        env.putAll(extraEnvironment.getOrDefault(node, Map.of()));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run Liberty's server start for node-" + node, e);
        }
    }

    private void awaitStartCommand(int node, Process start) {
        try {
            if (!start.waitFor(3, java.util.concurrent.TimeUnit.MINUTES) || start.exitValue() != 0) {
                throw new AssertionError("server start of node-" + node + " failed; see "
                        + nodeDirectory(node).resolve("server-start.log") + " and " + log(node));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private Optional<Long> pid(int node) {
        try {
            return Files.exists(pidFile(node)) ? Optional.of(Long.parseLong(Files.readString(pidFile(node)).trim()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Liberty writes the server JVM's pid into its output directory, here the node's user directory. */
    private Path pidFile(int node) {
        return nodeDirectory(node).resolve("liberty/servers/.pid/novacron.pid");
    }

    private Path nodeDirectory(int node) {
        return root.resolve("node-" + node);
    }

    Path dataDirectory(int node) {
        return nodeDirectory(node).resolve("data");
    }

    private Path publicKeyFile(int node) {
        return dataDirectory(node).resolve("cluster/node.pub");
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy " + from + " to " + to, e);
        }
    }

    private static void link(Path link, Path target) throws IOException {
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + directory, e);
        }
    }
}
