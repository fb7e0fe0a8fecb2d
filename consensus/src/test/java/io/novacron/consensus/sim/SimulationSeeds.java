package io.novacron.consensus.sim;

import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * The seeds a simulation test runs: one fixed seed to replay a failure ({@code -Dnovacron.sim.seed=N}),
 * or {@code count} fresh seeds from a printed base, more with {@code -Dnovacron.sim.soak=true}.
 */
public final class SimulationSeeds {

    private SimulationSeeds() {
    }

    public static long[] seeds(int count, int soakCount) {
        String replay = System.getProperty("novacron.sim.seed");
        if (replay != null && !replay.isBlank()) {
            return new long[] {Long.parseLong(replay.trim())};
        }
        int n = Boolean.getBoolean("novacron.sim.soak") ? soakCount : count;
        long base = Long.getLong("novacron.sim.base-seed", System.nanoTime());
        System.out.println("simulation base seed " + base + " (" + n + " seeds; replay one with -Dnovacron.sim.seed=N)");
        SplittableRandom random = new SplittableRandom(base);
        return LongStream.generate(random::nextLong).limit(n).toArray();
    }
}
