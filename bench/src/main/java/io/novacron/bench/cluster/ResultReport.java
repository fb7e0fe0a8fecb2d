package io.novacron.bench.cluster;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;

/**
 * Formats what {@link ClusterLoad} prints: the progress line once a second, the summary for people, and one
 * {@code RESULT {json}} line for scripts, which take the last line starting with {@code RESULT } and need not parse
 * the prose. Pure: every figure comes in as an argument.
 */
public final class ResultReport {

    /** The server path should keep at least this share of the in-process throughput (issue 4). */
    static final double TARGET_SHARE_OF_IN_PROCESS = 0.5;
    private static final double NANOS_PER_MILLI = 1e6;

    private ResultReport() {
    }

    /** One progress line: seconds since start, phase, committed and failed writes in the last second, in flight. */
    public static String progress(long elapsedSeconds, String phase, long committedLastSecond, long errorsLastSecond,
                                  int inFlight) {
        return String.format(Locale.ROOT, "%5d s  %-7s  ok %,7d/s  errors %,6d/s  in flight %,6d",
            elapsedSeconds, phase, committedLastSecond, errorsLastSecond, inFlight);
    }

    /** The summary for people, several lines, each ending in a newline. */
    public static String summary(LoadSummary s) {
        StringBuilder b = new StringBuilder();
        String loop = s.mode() == LoadOptions.Mode.OPEN
            ? String.format(Locale.ROOT, "open loop at %,.0f writes/s (at most %,d in flight)", s.ratePerSec(),
                s.inFlight())
            : String.format(Locale.ROOT, "closed loop, %,d in flight", s.inFlight());
        String targets = s.target().equals("leader") ? "the leader " + s.servers().get(0)
            : s.servers().size() + (s.servers().size() == 1 ? " server" : " servers round-robin");
        line(b, "%s: %s to %s; warm-up %s s, measured %s s", s.label(), loop, targets, seconds(s.warmupSeconds()),
            seconds(s.measuredSeconds()));
        line(b, "  throughput  %,.1f committed writes/s (%,d committed in the window)", s.committedPerSec(),
            s.committed());
        line(b, "  latency ms  p50 %s  p90 %s  p99 %s  p99.9 %s  max %s", millis(s.p50Nanos()),
            millis(s.p90Nanos()), millis(s.p99Nanos()), millis(s.p999Nanos()), millis(s.maxNanos()));
        // The count matters: when most writes started in the window failed, a few survivors set every percentile.
        line(b, "              of %,d committed writes started in the window, %s", s.latencyCount(),
            s.mode() == LoadOptions.Mode.OPEN ? "from the intended send time to the 201" : "from send to the 201");
        if (s.errors().isEmpty()) {
            line(b, "  errors      none");
        } else {
            line(b, "  errors      %,d", s.errorTotal());
            for (Map.Entry<String, Long> e : s.errors().entrySet()) {
                String meaning = describe(e.getKey());
                line(b, "    %s%s: %,d", e.getKey(), meaning.isEmpty() ? "" : " " + meaning, e.getValue());
                String first = s.firstErrors().get(e.getKey());
                if (first != null && !first.isEmpty()) line(b, "      first: %s", first);
            }
        }
        if (s.mode() == LoadOptions.Mode.OPEN) {
            line(b, "  schedule    latest send %s ms after its intended time; %,d due in the window not sent"
                + " (in-flight cap reached, or the harness fell behind)", millis(s.maxSendLagNanos()), s.notSent());
        }
        if (s.harnessCpuMicrosPerRequest() >= 0 || s.loadAverage() >= 0) {
            line(b, "  machine     harness CPU %s us per request (%s of one core); load average %s at the end",
                s.harnessCpuMicrosPerRequest() < 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f",
                    s.harnessCpuMicrosPerRequest()),
                s.harnessCpuNanos() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f%%",
                    100.0 * s.harnessCpuNanos() / (s.measuredSeconds() * 1e9)),
                s.loadAverage() < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", s.loadAverage()));
        }
        if (s.unfinished() > 0) line(b, "  unfinished  %,d writes had no answer by the drain deadline", s.unfinished());
        if (s.inProcessOpsPerSec() > 0) {
            double ratio = s.ratioToInProcess();
            line(b, "  in-process  %,.0f ops/s for the same engine: the server path keeps %.1f%%"
                + " (target >= %.0f%%: %s)",
                s.inProcessOpsPerSec(), ratio * 100, TARGET_SHARE_OF_IN_PROCESS * 100,
                ratio >= TARGET_SHARE_OF_IN_PROCESS ? "met" : "not met");
        }
        return b.toString();
    }

    /** {@code RESULT } and one JSON object; milliseconds with 3 decimals, rates with 1. */
    public static String resultLine(LoadSummary s) {
        JsonObjectBuilder latency = Json.createObjectBuilder()
            .add("p50", ms(s.p50Nanos())).add("p90", ms(s.p90Nanos())).add("p99", ms(s.p99Nanos()))
            .add("p999", ms(s.p999Nanos())).add("max", ms(s.maxNanos())).add("count", s.latencyCount());
        JsonObjectBuilder errors = Json.createObjectBuilder();
        s.errors().forEach(errors::add);
        JsonObjectBuilder o = Json.createObjectBuilder()
            .add("label", s.label())
            .add("mode", s.mode().name().toLowerCase(Locale.ROOT));
        if (s.mode() == LoadOptions.Mode.OPEN) o.add("ratePerSec", round(s.ratePerSec(), 1));
        o.add("inFlight", s.inFlight())
            .add("target", s.target())
            .add("servers", s.servers().size())
            .add("warmupS", round(s.warmupSeconds(), 3))
            .add("measuredS", round(s.measuredSeconds(), 3))
            .add("committed", s.committed())
            .add("committedPerSec", round(s.committedPerSec(), 1))
            .add("latencyMs", latency)
            .add("errors", errors)
            .add("errorTotal", s.errorTotal())
            .add("unfinished", s.unfinished());
        if (s.mode() == LoadOptions.Mode.OPEN) {
            o.add("notSent", s.notSent()).add("maxSendLagMs", ms(s.maxSendLagNanos()));
        }
        if (s.harnessCpuMicrosPerRequest() >= 0) {
            o.add("harnessCpuUsPerRequest", round(s.harnessCpuMicrosPerRequest(), 1));
        }
        if (s.loadAverage() >= 0) o.add("loadAverage", round(s.loadAverage(), 2));
        if (s.inProcessOpsPerSec() > 0) {
            o.add("inProcessOpsPerSec", round(s.inProcessOpsPerSec(), 1))
                .add("shareOfInProcess", round(s.ratioToInProcess(), 3));
        }
        return "RESULT " + o.build();
    }

    /** What a status means for this endpoint (api-guide.md, and the consensus path's 503 and 504). */
    static String describe(String key) {
        return switch (key) {
            case "400" -> "(bad request)";
            case "401" -> "(unauthorized)";
            case "403" -> "(forbidden)";
            case "409" -> "(duplicate name)";
            case "500" -> "(internal error)";
            case "503" -> "(unavailable: no quorum, database or grid)";
            case "504" -> "(commit timeout)";
            case "timeout" -> "(no answer within --timeout)";
            case "connect-refused" -> "(server not listening)";
            case "connect-timeout" -> "(connection not accepted in time)";
            case "io" -> "(connection failed)";
            default -> "";
        };
    }

    private static void line(StringBuilder b, String format, Object... args) {
        b.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / NANOS_PER_MILLI);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, s == Math.rint(s) ? "%.0f" : "%.1f", s);
    }

    private static BigDecimal ms(long nanos) {
        return round(nanos / NANOS_PER_MILLI, 3);
    }

    /** Fixed decimals, so the JSON never holds 1.0E-4 or 0.30000000000000004. */
    private static BigDecimal round(double v, int decimals) {
        return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP);
    }
}
