package io.novacron.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    private static final String URLS = "--urls http://127.0.0.1:9080,http://127.0.0.1:9090/";

    private static LoadOptions parse(String line) throws UsageException {
        return LoadOptions.parse(line.split(" "));
    }

    @Test
    void defaultsAreAnOpenLoopAtTheIssuesRate() throws Exception {
        LoadOptions o = parse(URLS + " --password-env NOVACRON_PW");
        assertEquals(List.of(URI.create("http://127.0.0.1:9080"), URI.create("http://127.0.0.1:9090")), o.urls());
        assertEquals(LoadOptions.Target.ALL, o.target());
        assertEquals("admin", o.user());
        assertEquals(new LoadOptions.PasswordSource.Env("NOVACRON_PW"), o.password());
        assertEquals(LoadOptions.Mode.OPEN, o.mode());
        assertEquals(1000.0, o.ratePerSec());
        assertEquals(LoadOptions.OPEN_IN_FLIGHT_DEFAULT, o.inFlight());
        assertEquals(Duration.ofSeconds(10), o.warmup());
        assertEquals(Duration.ofSeconds(30), o.duration());
        assertEquals(Duration.ofSeconds(10), o.requestTimeout());
        assertEquals(1, o.clients());
        assertTrue(o.runId().matches("[a-z0-9]{6}"), o.runId());
        assertEquals(0.0, o.inProcessOpsPerSec());
    }

    @Test
    void closedLoopWithEveryOptionInBothSpellings() throws Exception {
        LoadOptions o = LoadOptions.parse(new String[] {
            "--urls=http://localhost:9080", "--target", "leader", "--user=operator1",
            "--password-file", "/tmp/pw", "--mode=closed", "--in-flight", "512", "--warmup=0s",
            "--duration", "1.5s", "--timeout=500ms", "--clients", "8", "--run=r42", "--label", "raft-3",
            "--in-process-ops=107903"});
        assertEquals(LoadOptions.Target.LEADER, o.target());
        assertEquals("operator1", o.user());
        assertEquals(new LoadOptions.PasswordSource.Files(List.of(Path.of("/tmp/pw"))), o.password());
        assertEquals(LoadOptions.Mode.CLOSED, o.mode());
        assertEquals(512, o.inFlight());
        assertEquals(Duration.ZERO, o.warmup());
        assertEquals(Duration.ofMillis(1500), o.duration());
        assertEquals(Duration.ofMillis(500), o.requestTimeout());
        assertEquals(8, o.clients());
        assertEquals("r42", o.runId());
        assertEquals("raft-3", o.label());
        assertEquals(107903.0, o.inProcessOpsPerSec());
    }

    @Test
    void closedLoopDefaultsToTheConsensusBenchmarksInFlight() throws Exception {
        assertEquals(256, parse(URLS + " --password-env P --mode closed").inFlight());
    }

    @Test
    void execArgsArrivingAsOneStringAreSplit() throws Exception {
        LoadOptions o = LoadOptions.parse(new String[] {" --urls http://[::1]:9080  --password-env P --rate 250 "});
        assertEquals(250.0, o.ratePerSec());
        assertEquals(URI.create("http://[::1]:9080"), o.urls().get(0));
    }

    @Test
    void onePasswordFilePerUrl() throws Exception {
        LoadOptions o = parse(URLS + " --password-file a,b");
        assertEquals(new LoadOptions.PasswordSource.Files(List.of(Path.of("a"), Path.of("b"))), o.password());
    }

    @Test
    void helpReturnsNull() throws Exception {
        assertNull(parse("--help"));
        assertNull(parse(URLS + " --help"));
    }

    @Test
    void nonLoopbackNeedsTheExplicitFlag() throws Exception {
        assertEquals(URI.create("http://10.1.2.3:9080"),
            parse("--urls http://10.1.2.3:9080 --password-env P --allow-non-loopback").urls().get(0));
    }

    /** Each bad command line fails with a message naming the option and what is allowed. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "--password-env P                                   | --urls is required",
        "--urls                                             | --urls needs a value",
        "--urls ftp://127.0.0.1 --password-env P            | must start with http:// or https://",
        "--urls http://127.0.0.1:9080/api --password-env P  | without a path",
        "--urls http://192.168.1.5:9080 --password-env P    | not on this machine's loopback",
        "--urls http://localhost:1,http://localhost:1 --password-env P | is listed twice",
        "--urls http://localhost:1                          | give exactly one of --password-file",
        "--urls http://localhost:1 --password-env P --password-file f | give exactly one of --password-file",
        "--urls http://localhost:1 --password-file a,b      | lists 2 files for 1 URLs",
        "--urls http://localhost:1 --password-env 1X        | is not an environment variable name",
        "--urls http://localhost:1 --password-env P --mode fast  | --mode 'fast' must be one of open, closed",
        "--urls http://localhost:1 --password-env P --target one | --target 'one' must be one of all, leader",
        "--urls http://localhost:1 --password-env P --mode closed --rate 5 | --rate applies to --mode open only",
        "--urls http://localhost:1 --password-env P --rate 0     | --rate 0 is out of range",
        "--urls http://localhost:1 --password-env P --rate lots  | --rate 'lots' is not a number",
        "--urls http://localhost:1 --password-env P --rate 2000000 | allowed 0.001 to 1,000,000",
        "--urls http://localhost:1 --password-env P --in-flight 0   | --in-flight 0 is out of range",
        "--urls http://localhost:1 --password-env P --in-flight 1.5 | must be a whole number",
        "--urls http://localhost:1 --password-env P --duration 30   | --duration '30' must be a time such as 30s",
        "--urls http://localhost:1 --password-env P --duration 0s   | --duration must be longer than 0",
        "--urls http://localhost:1 --password-env P --warmup 2h     | must be a time such as",
        "--urls http://localhost:1 --password-env P --warmup 61m    | longer than the 60 min allowed",
        "--urls http://localhost:1 --password-env P --run Big_One   | --run 'Big_One' must be 1-20 lowercase",
        "--urls http://localhost:1 --password-env P --rps 10        | unknown option --rps",
        "--urls http://localhost:1 --password-env P --rate 1 --rate 2 | --rate is given twice",
        "--urls http://localhost:1 --password-env P extra           | unexpected argument 'extra'",
    })
    void rejectsWithAClearMessage(String line, String expected) {
        UsageException e = assertThrows(UsageException.class, () -> parse(line.trim()));
        assertTrue(e.getMessage().contains(expected.trim()), () -> "message was: " + e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }

    @ParameterizedTest
    @CsvSource({"localhost,true", "LOCALHOST,true", "127.0.0.1,true", "127.1.2.3,true", "[::1],true",
        "::1,true", "10.0.0.1,false", "example.org,false", "127.0.0.1.example.org,false"})
    void loopbackIsDecidedByNameAlone(String host, boolean loopback) {
        assertEquals(loopback, LoadOptions.isLoopback(host));
    }

    @Test
    void usageNamesEveryOption() {
        String usage = LoadOptions.usage();
        for (String option : List.of("--urls", "--target", "--user", "--password-file", "--password-env", "--mode",
            "--rate", "--in-flight", "--warmup", "--duration", "--timeout", "--clients", "--run", "--label",
            "--in-process-ops", "--allow-non-loopback")) {
            assertTrue(usage.contains(option + " "), option);
        }
    }
}
