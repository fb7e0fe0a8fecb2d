/**
 * The cluster write-path harness: {@link io.novacron.bench.cluster.ClusterLoad} registers hosts through the REST API
 * of running NovaCron servers, open loop at a fixed rate or closed loop with a fixed number in flight, and prints
 * throughput, commit latency and errors by status, so the server, transport and grid path can be set beside the
 * in-process figures of {@link io.novacron.bench.BenchmarkMain}.
 * It depends on Apache HttpClient 5 (async, HTTP/1.1), Jakarta JSON and the bench module's
 * {@link io.novacron.bench.LatencyRecorder}; nothing depends on it.
 */
package io.novacron.bench.cluster;
