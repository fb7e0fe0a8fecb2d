/**
 * The deterministic simulator: one seed drives a virtual clock, a faulty network, crashes and client load
 * against any protocol core, and an invariant checker runs after every step. A protocol joins by
 * implementing {@link io.novacron.consensus.sim.ProtocolModel}; nothing outside test scope depends on it.
 */
package io.novacron.consensus.sim;
