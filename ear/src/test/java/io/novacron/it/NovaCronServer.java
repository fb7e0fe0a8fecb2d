package io.novacron.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The Liberty server built by this module (target/liberty), started once per test JVM with fresh data,
 * random passwords and test ports, and stopped when the JVM's tests are done. Which database it uses
 * comes from the system property {@code novacron.it.db} (h2 or postgresql).
 */
public final class NovaCronServer {

    private static final Duration START_DEADLINE = Duration.ofMinutes(4);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static NovaCronServer shared;

    private final Path wlp;
    private final String serverName;
    private final int httpPort;
    private final Map<TestUser, String> passwords = new EnumMap<>(TestUser.class);
    private final String database;
    private final boolean generatedAdminPassword;
    private Path dataDirectory;

    private NovaCronServer() {
        wlp = Path.of(System.getProperty("novacron.wlp.dir", "target/liberty/wlp"));
        serverName = System.getProperty("novacron.server.name", "novacron");
        database = System.getProperty("novacron.it.db", "h2");
        httpPort = Integer.getInteger("novacron.it.http.port", 19080);
        // One pass configures the admin password, the other lets the server generate it, so both paths run.
        generatedAdminPassword = Boolean.getBoolean("novacron.it.generated-admin-password");
        for (TestUser user : TestUser.values()) {
            passwords.put(user, randomPassword());
        }
    }

    /** The server for this JVM, started on first use. */
    /** The server's node-to-node transport port, away from the default 7800 a developer's server may hold. */
    public static final int CLUSTER_PORT = 19800;

    public static synchronized NovaCronServer shared() {
        if (shared == null) {
            NovaCronServer server = new NovaCronServer();
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "novacron-it-server-stop"));
            shared = server;
        }
        return shared;
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + httpPort + path);
    }

    public String password(TestUser user) {
        return passwords.get(user);
    }

    public String database() {
        return database;
    }

    /** Whether the server generated the admin password (true) or was given one (false). */
    public boolean generatedAdminPassword() {
        return generatedAdminPassword;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public Path serverDirectory() {
        return wlp.resolve("usr/servers").resolve(serverName);
    }

    private void start() {
        try {
            Path data = Path.of(System.getProperty("novacron.test.output", "target"), "it-data-" + database)
                    .toAbsolutePath();
            deleteRecursively(data);
            dataDirectory = data;
            writeUsers();
            Files.deleteIfExists(serverDirectory().resolve("configDropins/overrides/novacron-admin.xml"));
            ProcessBuilder builder = new ProcessBuilder(wlp.resolve("bin/server").toString(), "start", serverName,
                    "--clean").redirectErrorStream(true)
                    .redirectOutput(Path.of(System.getProperty("novacron.test.output", "target"),
                            "server-start-" + database + ".log").toFile());
            Map<String, String> env = builder.environment();
            env.put("NOVACRON_HTTP_PORT", Integer.toString(httpPort));
            env.put("NOVACRON_HTTPS_PORT", Integer.toString(httpPort + 363));
            env.put("NOVACRON_IIOP_PORT", Integer.toString(httpPort - 7000));
            env.put("NOVACRON_GRID_DISCOVERY_PORT", "47700");
            env.put("NOVACRON_GRID_DISCOVERY_ADDRESSES", "127.0.0.1:47700..47709");
            env.put("NOVACRON_GRID_COMMUNICATION_PORT", "47300");
            env.put("NOVACRON_CLUSTER_PORT", Integer.toString(CLUSTER_PORT));
            env.put("NOVACRON_DATA_DIR", data.toAbsolutePath().toString());
            if (generatedAdminPassword) {
                env.remove("NOVACRON_ADMIN_PASSWORD");
            } else {
                env.put("NOVACRON_ADMIN_PASSWORD", passwords.get(TestUser.ADMIN));
            }
            if ("postgresql".equals(database)) {
                URI url = URI.create(required("novacron.test.postgres.url").substring("jdbc:".length()));
                env.put("NOVACRON_DB", "postgresql");
                env.put("NOVACRON_DB_HOST", url.getHost());
                env.put("NOVACRON_DB_PORT", Integer.toString(url.getPort() > 0 ? url.getPort() : 5432));
                env.put("NOVACRON_DB_NAME", url.getPath().substring(1));
                env.put("NOVACRON_DB_USER", required("novacron.test.postgres.user"));
                env.put("NOVACRON_DB_PASSWORD", required("novacron.test.postgres.password"));
            }
            Instant started = Instant.now();
            Process process = builder.start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("server start exited with " + process.exitValue()
                        + "; see target/server-start-" + database + ".log and " + serverDirectory().resolve("logs"));
            }
            awaitCondition("the server to report ready and accept the admin's credentials", START_DEADLINE,
                    () -> status("/health/ready", null) == 200 && readGeneratedAdminPassword()
                            && status("/api/v1/me", TestUser.ADMIN) == 200);
            System.out.printf("NovaCron test server (%s) ready in %d ms at %s%n", database,
                    Duration.between(started, Instant.now()).toMillis(), uri("/"));
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the test server: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the test server", e);
        }
    }

    /** Stops the server and removes the test users and test admin account, so a later run starts clean. */
    private void stop() {
        try {
            new ProcessBuilder(wlp.resolve("bin/server").toString(), "stop", serverName)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            Files.deleteIfExists(serverDirectory().resolve("users.xml"));
            Files.deleteIfExists(serverDirectory().resolve("configDropins/overrides/novacron-admin.xml"));
        } catch (IOException e) {
            System.err.println("Could not stop the test server: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** In the generated-password pass, takes the admin password from the file the server wrote. */
    private boolean readGeneratedAdminPassword() {
        if (!generatedAdminPassword) {
            return true;
        }
        Path file = dataDirectory.resolve("initial-admin-password");
        try {
            if (!Files.exists(file)) {
                return false;
            }
            passwords.put(TestUser.ADMIN, Files.readString(file).trim());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The registry's other users: a users.xml next to server.xml, which server.xml includes if present. */
    private void writeUsers() throws IOException {
        StringBuilder xml = new StringBuilder("<server>\n  <basicRegistry id=\"basic\">\n");
        for (TestUser user : List.of(TestUser.OPERATOR, TestUser.AUDITOR, TestUser.STRANGER)) {
            xml.append("    <user name=\"").append(user.userName()).append("\" password=\"")
                    .append(passwords.get(user)).append("\"/>\n");
        }
        for (TestUser user : List.of(TestUser.OPERATOR, TestUser.AUDITOR)) {
            xml.append("    <group id=\"").append(user.group()).append("\" name=\"").append(user.group())
                    .append("\">\n      <member name=\"").append(user.userName()).append("\"/>\n    </group>\n");
        }
        xml.append("  </basicRegistry>\n</server>\n");
        Files.writeString(serverDirectory().resolve("users.xml"), xml.toString(), StandardCharsets.UTF_8);
    }

    private int status(String path, TestUser user) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
            if (user != null) {
                request.header("Authorization", ApiClient.basic(user.userName(), passwords.get(user)));
            }
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Polls the condition until it holds or the deadline passes; fails naming what it waited for. */
    public static void awaitCondition(String what, Duration deadline, BooleanSupplier condition) {
        Instant end = Instant.now().plus(deadline);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("Timed out after " + deadline.toSeconds() + " s waiting for " + what);
            }
            // Poll interval between checks of a condition that has a deadline.
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
            if (Thread.interrupted()) {
                throw new AssertionError("Interrupted waiting for " + what);
            }
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is needed for the PostgreSQL run "
                    + "(scripts/test.sh sets it from scripts/postgres.sh)");
        }
        return value;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
