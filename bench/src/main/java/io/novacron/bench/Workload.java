package io.novacron.bench;

import java.util.Objects;

/**
 * One benchmark cell's workload: closed loop with exactly {@code inFlight} proposals outstanding, each carrying
 * {@code payloadBytes} of opaque data; a warm-up phase whose results are discarded, then the measured phase.
 *
 * @param payloadBytes size of each proposal's payload (16 and 1024 in the standard runs)
 * @param inFlight     proposals kept outstanding at all times (closed loop), e.g. 256
 * @param warmup       warm-up phase (not measured)
 * @param measure      measured phase
 * @param durability   how the system under test must persist its log
 */
public record Workload(int payloadBytes, int inFlight, Limit warmup, Limit measure, Durability durability) {

    public Workload {
        if (payloadBytes < 0) throw new IllegalArgumentException("payloadBytes < 0");
        if (inFlight < 1) throw new IllegalArgumentException("inFlight < 1");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(durability, "durability");
    }
}
