package io.novacron.transport.tcp;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reconnect delays: exponential, capped, jittered within [d/2, d], and reset after a success. */
class BackoffTest {

    @Test
    void delaysDoubleUpToTheCapWithEqualJitter() {
        Backoff b = new Backoff(10, 160, new Random(1));
        long[] nominal = {10, 20, 40, 80, 160, 160, 160};
        for (long d : nominal) {
            long got = b.nextDelayMs();
            assertTrue(got >= d / 2 && got <= d, "delay " + got + " outside [" + d / 2 + ", " + d + "]");
        }
        b.reset();
        long first = b.nextDelayMs();
        assertTrue(first >= 5 && first <= 10, "after reset the delay starts from min again: " + first);
    }

    @Test
    void jitterSpreadsNodesThatFailTogether() {
        Set<Long> seen = new HashSet<>();
        Random shared = new Random(3);
        for (int node = 0; node < 20; node++) {
            Backoff b = new Backoff(1000, 1000, shared);
            seen.add(b.nextDelayMs());
        }
        assertTrue(seen.size() > 10, "20 nodes drew only " + seen.size() + " distinct delays");
    }
}
