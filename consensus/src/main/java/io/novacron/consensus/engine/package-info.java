/**
 * A consensus core together with its journal and its wire envelope, speaking frames to numbered members and
 * applying what commits to a {@link io.novacron.consensus.engine.ReplicatedStateMachine}: what a server's driver
 * thread runs, minus the threads, the clock and the sockets. Plain Java, so a test wires several engines together
 * in one thread.
 */
package io.novacron.consensus.engine;
