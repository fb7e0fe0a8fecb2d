/**
 * The durable storage both consensus protocols share: the segmented append-only record log with group
 * commit and torn-tail recovery, its in-memory twin for simulations, small atomic metadata files and
 * checksummed snapshot files.
 * Protocol drivers (Raft, PBFT) and the simulator may depend on this package; it depends only on the
 * JDK and never on a protocol core, so the cores stay free of I/O.
 */
package io.novacron.consensus.log;
