/**
 * The API's own metrics: requests by endpoint and status, latency, and gauges of the state it serves.
 * Exposed by MicroProfile Metrics at /metrics under the application scope.
 */
package io.novacron.api.metrics;
