/**
 * PBFT (Castro and Liskov, OSDI'99 / TOCS'02) as a deterministic state machine: {@link
 * io.novacron.consensus.pbft.PbftReplica} and {@link io.novacron.consensus.pbft.PbftClient} take ticks and messages
 * in and hand out a {@link io.novacron.consensus.pbft.Ready} batch, with no threads, clocks, I/O or global
 * randomness, so one seeded simulator can drive them.
 * <p>
 * Depends only on {@code io.novacron.crypto} and the JDK; drivers (the EJB consensus service, the simulator)
 * depend on it, and what each message's signature covers is defined in one place,
 * {@link io.novacron.consensus.pbft.PbftMessageCodec#signedBytes}.
 */
package io.novacron.consensus.pbft;
