package io.novacron.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ResultReportTest {

    private static LoadSummary openRun(Map<String, Long> errors, double inProcess) {
        return new LoadSummary("raft-3", LoadOptions.Mode.OPEN, 1000, 4096, "all",
            List.of("http://127.0.0.1:9080", "http://127.0.0.1:9090", "http://127.0.0.1:9100"), 10, 30,
            29_970, 999.0, 29_990, 2_310_000, 3_100_000, 8_215_000, 15_300_000, 40_200_000, new TreeMap<>(errors),
            errors.isEmpty() ? Map.of() : Map.of("503", "{\"type\":\"https://novacron.io/problems/no-quorum\"}"),
            0, 0, 1_250_000, inProcess, 30_000, 2_997_000_000L, 1.5);
    }

    @Test
    void progressLineHasRateErrorsAndInFlight() {
        assertEquals("   12 s  measure  ok   1,002/s  errors      3/s  in flight     17",
            ResultReport.progress(12, "measure", 1002, 3, 17));
    }

    @Test
    void summaryOfACleanOpenLoopRun() {
        String text = ResultReport.summary(openRun(Map.of(), 0));
        assertEquals(String.join("\n",
            "raft-3: open loop at 1,000 writes/s (at most 4,096 in flight) to 3 servers round-robin;"
                + " warm-up 10 s, measured 30 s",
            "  throughput  999.0 committed writes/s (29,970 committed in the window)",
            "  latency ms  p50 2.310  p90 3.100  p99 8.215  p99.9 15.300  max 40.200",
            "              of 29,990 committed writes started in the window, from the intended send time to the 201",
            "  errors      none",
            "  schedule    latest send 1.250 ms after its intended time; 0 due in the window not sent"
                + " (in-flight cap reached, or the harness fell behind)",
            "  machine     harness CPU 100 us per request (10% of one core); load average 1.5 at the end",
            ""), text);
    }

    @Test
    void summaryNamesEveryErrorStatusAndTheInProcessShare() {
        Map<String, Long> errors = new TreeMap<>(Map.of("503", 12L, "timeout", 3L, "418", 1L));
        String text = ResultReport.summary(openRun(errors, 107_903));
        assertTrue(text.contains(String.join("\n",
            "  errors      16",
            "    418: 1",
            "    503 (unavailable: no quorum, database or grid): 12",
            "      first: {\"type\":\"https://novacron.io/problems/no-quorum\"}",
            "    timeout (no answer within --timeout): 3",
            "")), text);
        assertTrue(text.contains("  in-process  107,903 ops/s for the same engine: the server path keeps 0.9%"
            + " (target >= 50%: not met)\n"), text);
    }

    @Test
    void closedLoopSummaryHasNoScheduleLineAndSaysWhereLatencyStarts() {
        LoadSummary s = new LoadSummary("pbft-4", LoadOptions.Mode.CLOSED, 0, 256, "leader",
            List.of("http://127.0.0.1:9080"), 0, 10, 50_000, 5_000, 50_100, 1_000_000, 2_000_000, 3_000_000, 4_000_000,
            5_000_000, new TreeMap<>(), Map.of(), 0, 2, 0, 4_000, 50_000, -1, -1);
        String text = ResultReport.summary(s);
        assertTrue(text.startsWith("pbft-4: closed loop, 256 in flight to the leader http://127.0.0.1:9080;"), text);
        assertTrue(text.contains("of 50,100 committed writes started in the window, from send to the 201\n"), text);
        assertFalse(text.contains("schedule"), text);
        assertFalse(text.contains("machine"), "nothing known of the machine, nothing printed");
        assertTrue(text.contains("  unfinished  2 writes had no answer by the drain deadline\n"), text);
        assertTrue(text.contains("keeps 125.0% (target >= 50%: met)"), text);
    }

    @Test
    void resultLineIsOneJsonObjectWithFixedDecimals() {
        Map<String, Long> errors = new TreeMap<>(Map.of("503", 12L, "504", 1L));
        String line = ResultReport.resultLine(openRun(errors, 107_903));
        assertTrue(line.startsWith("RESULT {"), line);
        assertFalse(line.contains("\n"));
        JsonObject o = Json.createReader(new StringReader(line.substring("RESULT ".length()))).readObject();
        assertEquals("raft-3", o.getString("label"));
        assertEquals("open", o.getString("mode"));
        assertEquals("1000.0", o.getJsonNumber("ratePerSec").toString());
        assertEquals(4096, o.getInt("inFlight"));
        assertEquals(3, o.getInt("servers"));
        assertEquals(29_970, o.getJsonNumber("committed").longValue());
        assertEquals("999.0", o.getJsonNumber("committedPerSec").toString());
        JsonObject latency = o.getJsonObject("latencyMs");
        assertEquals("2.310", latency.getJsonNumber("p50").toString());
        assertEquals("3.100", latency.getJsonNumber("p90").toString());
        assertEquals("8.215", latency.getJsonNumber("p99").toString());
        assertEquals("15.300", latency.getJsonNumber("p999").toString());
        assertEquals("40.200", latency.getJsonNumber("max").toString());
        assertEquals(29_990, latency.getInt("count"));
        assertEquals(12, o.getJsonObject("errors").getInt("503"));
        assertEquals(1, o.getJsonObject("errors").getInt("504"));
        assertEquals(13, o.getInt("errorTotal"));
        assertEquals(0, o.getInt("notSent"));
        assertEquals("1.250", o.getJsonNumber("maxSendLagMs").toString());
        assertEquals("0.009", o.getJsonNumber("shareOfInProcess").toString());
        assertEquals("99.9", o.getJsonNumber("harnessCpuUsPerRequest").toString());
        assertEquals("1.50", o.getJsonNumber("loadAverage").toString());
    }

    @Test
    void closedLoopResultLineLeavesOutOpenLoopFields() {
        LoadSummary s = new LoadSummary("x", LoadOptions.Mode.CLOSED, 0, 256, "all", List.of("http://localhost:1"),
            0, 1, 0, 0, 0, 0, 0, 0, 0, 0, new TreeMap<>(), Map.of(), 0, 0, 0, 0, 0, -1, -1);
        JsonObject o = Json.createReader(new StringReader(ResultReport.resultLine(s).substring(7))).readObject();
        assertFalse(o.containsKey("ratePerSec"));
        assertFalse(o.containsKey("notSent"));
        assertFalse(o.containsKey("shareOfInProcess"));
        assertFalse(o.containsKey("harnessCpuUsPerRequest"));
        assertEquals("0.000", o.getJsonObject("latencyMs").getJsonNumber("p99").toString());
    }
}
