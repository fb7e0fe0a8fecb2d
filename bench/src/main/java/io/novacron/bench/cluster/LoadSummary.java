package io.novacron.bench.cluster;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one load run measured; {@link ResultReport} prints it. Latencies in nanoseconds, of committed writes (201)
 * only; errors are counted apart, grouped by HTTP status or by the failure when no response came.
 *
 * @param label              names the run, e.g. {@code raft-3}
 * @param mode               open or closed loop
 * @param ratePerSec         open loop: the arrival rate asked for; closed loop: 0
 * @param inFlight           closed loop: kept outstanding; open loop: the cap
 * @param target             {@code all} or {@code leader}
 * @param servers            the URLs written to
 * @param warmupSeconds      length of the unmeasured warm-up
 * @param measuredSeconds    length of the measured window
 * @param committed          writes that got a 201 within the measured window
 * @param committedPerSec    {@code committed / measuredSeconds}
 * @param latencyCount       committed writes started in the window: the samples behind the percentiles
 * @param p50Nanos           percentiles and maximum of commit latency, of writes started in the window
 * @param errors             error counts of writes started in the window, by status or failure, sorted
 * @param firstErrors        per error key, the first body or exception message seen
 * @param notSent            open loop: writes due in the window that were not sent by its end (cap reached)
 * @param unfinished         writes still without an answer when the drain deadline passed
 * @param maxSendLagNanos    open loop: the latest a write left after its intended time
 * @param inProcessOpsPerSec the same engine's in-process ops/s, or 0 when not given
 * @param endedInWindow      writes answered or failed inside the window: the requests the harness handled there
 * @param harnessCpuNanos    CPU time this harness's JVM used in the measured window, or -1 when unknown: the
 *                           harness shares the machine with the servers, so its share must be visible
 * @param loadAverage        the machine's 1-minute load average at the end of the window, or -1 when unknown
 */
public record LoadSummary(String label, LoadOptions.Mode mode, double ratePerSec, int inFlight, String target,
                          List<String> servers, double warmupSeconds, double measuredSeconds,
                          long committed, double committedPerSec, long latencyCount, long p50Nanos,
                          long p90Nanos, long p99Nanos, long p999Nanos, long maxNanos, SortedMap<String, Long> errors,
                          Map<String, String> firstErrors, long notSent, long unfinished, long maxSendLagNanos,
                          double inProcessOpsPerSec, long endedInWindow, long harnessCpuNanos,
                          double loadAverage) {

    public LoadSummary {
        servers = List.copyOf(servers);
        errors = new TreeMap<>(errors);
        firstErrors = Map.copyOf(firstErrors);
    }

    public long errorTotal() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Harness CPU microseconds per request that ended in the window, whatever its answer, or -1 when unknown: what
     * the harness costs per request, which per committed write would overstate when most writes fail.
     */
    public double harnessCpuMicrosPerRequest() {
        return harnessCpuNanos < 0 || endedInWindow == 0 ? -1 : harnessCpuNanos / 1e3 / endedInWindow;
    }

    /** Server-path throughput over in-process throughput; NaN when no in-process figure was given. */
    public double ratioToInProcess() {
        return inProcessOpsPerSec > 0 ? committedPerSec / inProcessOpsPerSec : Double.NaN;
    }
}
