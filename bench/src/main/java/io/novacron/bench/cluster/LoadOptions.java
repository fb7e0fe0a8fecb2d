package io.novacron.bench.cluster;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line of {@link ClusterLoad}, parsed and checked. It exists so that every nonsense value is rejected
 * with one line naming the option, the value and what is allowed, before a single request is sent; every number is
 * bounded so that a typo cannot turn into an unbounded load.
 *
 * @param urls               base URLs of the servers, e.g. {@code http://127.0.0.1:9080}; no path, no trailing slash
 * @param target             which of them receive writes
 * @param user               HTTP Basic user
 * @param password           where the password (one for all URLs, or one per URL) comes from
 * @param mode               open loop (fixed arrival rate) or closed loop (fixed number outstanding)
 * @param ratePerSec         open loop: writes started per second; unused in closed loop
 * @param inFlight           closed loop: writes kept outstanding; open loop: the most outstanding at once
 * @param warmup             time before the measured window (writes sent, not measured)
 * @param duration           the measured window
 * @param requestTimeout     how long a write waits for its answer once sent (for the next byte of it, as the HTTP
 *                           client's response timeout) before it counts as a {@code timeout} error; also the
 *                           limit to connect ({@code connect-timeout})
 * @param clients            I/O reactor threads of the HTTP client, each running its share of the connections
 * @param runId              makes host names unique per run: {@code load-<runId>-<n>}
 * @param label              names the run in the summary and the RESULT line, e.g. {@code raft-3}
 * @param inProcessOpsPerSec the same engine's in-process ops/s to compare against, or 0 for none
 * @param allowNonLoopback   whether URLs may name hosts other than this machine's loopback
 */
public record LoadOptions(List<URI> urls, Target target, String user, PasswordSource password, Mode mode,
                          double ratePerSec, int inFlight, Duration warmup, Duration duration,
                          Duration requestTimeout, int clients, String runId, String label,
                          double inProcessOpsPerSec, boolean allowNonLoopback) {

    /** How writes arrive. */
    public enum Mode {
        /** A fixed arrival rate, whatever the cluster does; latency counts from the intended send time. */
        OPEN,
        /** A fixed number outstanding: a write is sent as soon as one completes. */
        CLOSED
    }

    /** Which servers receive writes. */
    public enum Target {
        /** Round-robin over every URL. */
        ALL,
        /** Only the URL whose server reports itself leader (Raft) or primary (PBFT) when the run starts. */
        LEADER
    }

    /** Where the password comes from; never the command line itself, which other users can read in ps. */
    public sealed interface PasswordSource {
        /** One file for every URL, or one file per URL in the order of {@code --urls}. */
        record Files(List<Path> paths) implements PasswordSource {
            public Files {
                paths = List.copyOf(paths);
            }
        }

        /** An environment variable holding the password for every URL. */
        record Env(String variable) implements PasswordSource {
        }
    }

    static final int RATE_PER_SEC_MAX = 1_000_000;
    static final int IN_FLIGHT_MAX = 65_536;
    static final int CLIENTS_MAX = 64;
    /** One I/O thread: enough here, and 2 or 4 measured no cheaper (docs/benchmarks/cluster-write-path.md). */
    static final int CLIENTS_DEFAULT = 1;
    static final Duration PHASE_MAX = Duration.ofHours(1);
    static final Duration REQUEST_TIMEOUT_MAX = Duration.ofMinutes(10);
    static final int CLOSED_IN_FLIGHT_DEFAULT = 256;
    /** Open loop: high enough not to throttle a healthy cluster at the target rate, low enough to stay bounded. */
    static final int OPEN_IN_FLIGHT_DEFAULT = 4_096;

    /** Host names allow 63 characters; {@code load-} and {@code -} plus a 12-digit counter leave this much. */
    private static final Pattern RUN_ID = Pattern.compile("[a-z0-9]{1,20}");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");
    private static final Set<String> FLAGS = Set.of("allow-non-loopback", "help");

    public LoadOptions {
        urls = List.copyOf(urls);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(mode, "mode");
    }

    /** Parses {@code args}, each {@code --key value} or {@code --key=value}; returns null when help was asked for. */
    public static LoadOptions parse(String[] args) throws UsageException {
        Map<String, String> values = new HashMap<>();
        // exec:java hands over -Dexec.args as one string when quoted oddly; splitting on blanks is forgiving.
        List<String> tokens = new ArrayList<>();
        for (String a : args) {
            for (String t : a.trim().split("\\s+")) {
                if (!t.isEmpty()) tokens.add(t);
            }
        }
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (!token.startsWith("--") || token.length() == 2) {
                throw new UsageException("unexpected argument '" + token + "'");
            }
            String key = token.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (FLAGS.contains(key)) {
                value = "true";
            } else if (i + 1 < tokens.size() && !tokens.get(i + 1).startsWith("--")) {
                value = tokens.get(++i);
            } else {
                throw new UsageException("--" + key + " needs a value");
            }
            if (values.put(key, value) != null) throw new UsageException("--" + key + " is given twice");
        }
        if (values.containsKey("help")) return null;
        return fromValues(values);
    }

    private static LoadOptions fromValues(Map<String, String> v) throws UsageException {
        Set<String> known = Set.of("urls", "target", "user", "password-file", "password-env", "mode", "rate",
            "in-flight", "warmup", "duration", "timeout", "clients", "run", "label", "in-process-ops",
            "allow-non-loopback");
        for (String key : v.keySet()) {
            if (!known.contains(key)) throw new UsageException("unknown option --" + key);
        }
        if (!v.containsKey("urls")) throw new UsageException("--urls is required, e.g. --urls http://127.0.0.1:9080");
        boolean allowNonLoopback = Boolean.parseBoolean(v.getOrDefault("allow-non-loopback", "false"));
        List<URI> urls = parseUrls(v.get("urls"), allowNonLoopback);

        Target target = parseEnum(Target.class, "target", v.getOrDefault("target", "all"));
        String user = v.getOrDefault("user", "admin");
        if (user.isBlank()) throw new UsageException("--user must not be blank");
        PasswordSource password = parsePassword(v, urls.size());

        Mode mode = parseEnum(Mode.class, "mode", v.getOrDefault("mode", "open"));
        if (mode == Mode.CLOSED && v.containsKey("rate")) {
            throw new UsageException("--rate applies to --mode open only; closed loop is paced by --in-flight");
        }
        double rate = parseNumber("rate", v.getOrDefault("rate", "1000"), 0.001, RATE_PER_SEC_MAX);
        int inFlightDefault = mode == Mode.CLOSED ? CLOSED_IN_FLIGHT_DEFAULT : OPEN_IN_FLIGHT_DEFAULT;
        int inFlight = (int) parseNumber("in-flight", v.getOrDefault("in-flight", Integer.toString(inFlightDefault)),
            1, IN_FLIGHT_MAX);
        requireWhole("in-flight", inFlight, v.get("in-flight"));

        Duration warmup = parseDuration("warmup", v.getOrDefault("warmup", "10s"), true, PHASE_MAX);
        Duration duration = parseDuration("duration", v.getOrDefault("duration", "30s"), false, PHASE_MAX);
        Duration timeout = parseDuration("timeout", v.getOrDefault("timeout", "10s"), false, REQUEST_TIMEOUT_MAX);
        int clients = (int) parseNumber("clients", v.getOrDefault("clients", Integer.toString(CLIENTS_DEFAULT)), 1,
            CLIENTS_MAX);
        requireWhole("clients", clients, v.get("clients"));

        String runId = v.getOrDefault("run", randomRunId());
        if (!RUN_ID.matcher(runId).matches()) {
            throw new UsageException("--run '" + runId + "' must be 1-20 lowercase letters or digits");
        }
        String label = v.getOrDefault("label", mode == Mode.OPEN ? "open" : "closed");
        double inProcess = parseNumber("in-process-ops", v.getOrDefault("in-process-ops", "0"), 0, 1e12);
        return new LoadOptions(urls, target, user, password, mode, rate, inFlight, warmup, duration, timeout,
            clients, runId, label, inProcess, allowNonLoopback);
    }

    static List<URI> parseUrls(String list, boolean allowNonLoopback) throws UsageException {
        List<URI> urls = new ArrayList<>();
        for (String raw : list.split(",")) {
            String s = raw.trim();
            if (s.isEmpty()) continue;
            URI uri;
            try {
                uri = new URI(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
            } catch (URISyntaxException e) {
                throw new UsageException("--urls: '" + s + "' is not a URL (" + e.getReason() + ")");
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new UsageException("--urls: '" + s + "' must start with http:// or https://");
            }
            if (uri.getHost() == null) throw new UsageException("--urls: '" + s + "' names no host");
            if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                throw new UsageException("--urls: '" + s + "' must be a server's base URL without a path");
            }
            if (!allowNonLoopback && !isLoopback(uri.getHost())) {
                throw new UsageException("--urls: '" + s + "' is not on this machine's loopback; a load harness"
                    + " aimed elsewhere by mistake hurts a real cluster (--allow-non-loopback if you mean it)");
            }
            if (urls.contains(uri)) throw new UsageException("--urls: '" + s + "' is listed twice");
            urls.add(uri);
        }
        if (urls.isEmpty()) throw new UsageException("--urls lists no URL");
        return urls;
    }

    /** By name only: resolving a name here would itself be a network look-up. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
    }

    private static PasswordSource parsePassword(Map<String, String> v, int urlCount) throws UsageException {
        String files = v.get("password-file");
        String env = v.get("password-env");
        if ((files == null) == (env == null)) {
            throw new UsageException("give exactly one of --password-file PATH[,PATH...] and --password-env VAR");
        }
        if (env != null) {
            if (!env.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new UsageException("--password-env '" + env + "' is not an environment variable name");
            }
            return new PasswordSource.Env(env);
        }
        List<Path> paths = Arrays.stream(files.split(",")).map(String::trim).filter(s -> !s.isEmpty())
            .map(Path::of).toList();
        if (paths.size() != 1 && paths.size() != urlCount) {
            throw new UsageException("--password-file lists " + paths.size() + " files for " + urlCount
                + " URLs; give one for all or one per URL, in the order of --urls");
        }
        return new PasswordSource.Files(paths);
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String option, String value)
        throws UsageException {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) return e;
        }
        List<String> allowed = Arrays.stream(type.getEnumConstants())
            .map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        throw new UsageException("--" + option + " '" + value + "' must be one of " + String.join(", ", allowed));
    }

    private static double parseNumber(String option, String value, double min, double max) throws UsageException {
        double d;
        try {
            d = Double.parseDouble(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException("--" + option + " '" + value + "' is not a number");
        }
        if (!(d >= min && d <= max)) {
            throw new UsageException("--" + option + " " + value + " is out of range; allowed "
                + formatBound(min) + " to " + formatBound(max));
        }
        return d;
    }

    private static void requireWhole(String option, int parsed, String given) throws UsageException {
        if (given != null && Double.parseDouble(given.replace("_", "")) != parsed) {
            throw new UsageException("--" + option + " " + given + " must be a whole number");
        }
    }

    private static String formatBound(double d) {
        return d == Math.rint(d) ? String.format(Locale.ROOT, "%,d", (long) d) : Double.toString(d);
    }

    /** Parses {@code 30s}, {@code 500ms}, {@code 1.5s}, {@code 2m}; a unit is required so 30 is never 30 ms. */
    static Duration parseDuration(String option, String value, boolean zeroAllowed, Duration max)
        throws UsageException {
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException("--" + option + " '" + value + "' must be a time such as 30s, 500ms or 2m");
        }
        double amount = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            default -> amount * 60_000;
        };
        Duration d = Duration.ofMillis(Math.round(millis));
        if (d.isZero() && !zeroAllowed) throw new UsageException("--" + option + " must be longer than 0");
        if (d.compareTo(max) > 0) {
            throw new UsageException("--" + option + " " + value + " is longer than the " + max.toMinutes()
                + " min allowed");
        }
        return d;
    }

    /** Six base-36 characters: collisions between runs on one cluster are unlikely enough to ignore. */
    private static String randomRunId() {
        long n = ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36);
        StringBuilder b = new StringBuilder(Long.toString(n, 36));
        while (b.length() < 6) b.insert(0, '0');
        return b.toString();
    }

    static String usage() {
        return String.join("\n",
            "usage: ClusterLoad --urls URL[,URL...] (--password-file PATH[,PATH...] | --password-env VAR) [options]",
            "  --urls LIST            servers' base URLs, e.g. http://127.0.0.1:9080,http://127.0.0.1:9090",
            "  --target all|leader    all: round-robin over every URL (default); leader: only the URL whose",
            "                         server is Raft leader or PBFT primary when the run starts",
            "  --user NAME            HTTP Basic user (default admin)",
            "  --password-file LIST   one file for all URLs, or one per URL in the order of --urls",
            "  --password-env VAR     environment variable holding the password for all URLs",
            "  --mode open|closed     open: fixed arrival rate, latency from the intended send time (default);",
            "                         closed: a fixed number in flight, latency from the actual send time",
            "  --rate N               open loop: writes per second (default 1000)",
            "  --in-flight N          closed loop: writes outstanding (default " + CLOSED_IN_FLIGHT_DEFAULT + ");",
            "                         open loop: the most outstanding at once (default " + OPEN_IN_FLIGHT_DEFAULT + ")",
            "  --warmup TIME          not measured, before the window: 10s, 500ms, 1m (default 10s; 0s for none)",
            "  --duration TIME        the measured window (default 30s)",
            "  --timeout TIME         how long a sent write waits for its answer, and the limit to connect; past it",
            "                         the write counts as error 'timeout' or 'connect-timeout' (default 10s)",
            "  --clients N            I/O threads of the HTTP client; the connections are spread over them",
            "                         (default " + CLIENTS_DEFAULT + ")",
            "  --run ID               host names are load-ID-N (default: 6 random characters)",
            "  --label TEXT           names the run in the summary and the RESULT line (default: the mode)",
            "  --in-process-ops N     the same engine's in-process ops/s; the summary prints the ratio",
            "  --allow-non-loopback   allow URLs that are not 127.0.0.0/8, localhost or [::1]",
            "  --help");
    }
}
