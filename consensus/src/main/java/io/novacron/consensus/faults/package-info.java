/**
 * Fault injection for system tests: a {@link io.novacron.consensus.faults.FaultPlan} read from configuration, and
 * {@link io.novacron.consensus.faults.FaultyOutputs}, which wraps an engine driver's outputs to drop, delay,
 * duplicate or corrupt the frames a member sends, or (PBFT) to equivocate as primary.
 * <p>
 * Depends on the engine and PBFT packages and on {@code io.novacron.crypto}; nothing in the consensus module depends
 * on it, and a server wires it in only when an explicit test-only switch is set.
 */
package io.novacron.consensus.faults;
