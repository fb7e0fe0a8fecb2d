package io.novacron.consensus.pbft;

/**
 * State fetched from another replica and checked against a stable checkpoint certificate; the driver must load it
 * into the application before executing any later batch.
 * <p>
 * Exists because a lagging replica cannot replay requests that every other replica has garbage-collected
 * (§4.3); it jumps to the certified state instead.
 *
 * @param sequence            the checkpoint's sequence number; the next batch to execute is sequence + 1
 * @param applicationSnapshot the application state as reported by the replica that served it
 */
public record InstalledState(long sequence, byte[] applicationSnapshot) {
}
