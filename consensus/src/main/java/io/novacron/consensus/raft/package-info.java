/**
 * Raft as a deterministic, thread-unsafe state machine in the shape of etcd's RawNode: ticks and
 * messages go in, a {@link io.novacron.consensus.raft.Ready} batch (state to persist, messages to
 * send, entries to apply) comes out, and the caller owns disk, network and clock.
 * It depends on nothing but the JDK so drivers, transports and the simulator may depend on it,
 * never the other way round.
 */
package io.novacron.consensus.raft;
