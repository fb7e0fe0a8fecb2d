package io.novacron.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exits a person sees at the terminal: one line on stderr and a status, never a stack trace. */
class ClusterLoadTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String line) throws InterruptedException {
        return ClusterLoad.run(line.split(" "), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), k -> null);
    }

    private String errLine() {
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n") && text.indexOf('\n') == text.length() - 1, () -> "one line: " + text);
        return text.strip();
    }

    @Test
    void aBadCommandLineExitsWithUsageStatus() throws Exception {
        assertEquals(ClusterLoad.EXIT_USAGE, run("--urls http://127.0.0.1:9080 --password-env P --rate fast"));
        assertEquals("cluster-load: --rate 'fast' is not a number (--help lists the options)", errLine());
    }

    @Test
    void helpPrintsUsage() throws Exception {
        assertEquals(ClusterLoad.EXIT_OK, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: ClusterLoad --urls"));
    }

    @Test
    void aMissingPasswordFileIsOneLine() throws Exception {
        Path missing = dir.resolve("initial-admin-password");
        assertEquals(ClusterLoad.EXIT_FAILED, run("--urls http://127.0.0.1:9080 --password-file " + missing));
        assertEquals("cluster-load: password file " + missing + " does not exist", errLine());
    }

    @Test
    void anUnreachableServerIsOneLine() throws Exception {
        int port;
        // A port that was free a moment ago: nothing listens there now, so the connection is refused at once.
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path pw = Files.writeString(dir.resolve("pw"), "x\n");
        assertEquals(ClusterLoad.EXIT_FAILED,
            run("--urls http://127.0.0.1:" + port + " --password-file " + pw + " --duration 1s"));
        assertEquals("cluster-load: cannot reach http://127.0.0.1:" + port + " (connection refused); is the cluster"
            + " running? ./novacron cluster status shows each node", errLine());
    }
}
