/**
 * The TCP transport engine in plain Java: frame codec, per-peer multi-stream senders with bounded queues, batching,
 * reconnect and heartbeats, the receiving listener, and TLS identities. Nothing here uses Jakarta types, so it runs
 * and is tested without a container; the {@code jca} package beside it is the only code that may adapt it to JCA.
 */
package io.novacron.transport.tcp;
