package io.novacron.consensus.sim;

import java.util.Set;

/**
 * Which faults a simulation injects and how often, as chances per mille per message or per tick. Faults
 * happen only during the first {@code faultTicks}; then everything heals and liveness is checked.
 *
 * @param dropPerMille        chance a message is lost
 * @param duplicatePerMille   chance a message is delivered twice
 * @param delayTicksMax       messages arrive 1..delayTicksMax ticks after sending (random delay reorders them)
 * @param partitionPerMille   chance per tick that the network splits into two random sides
 * @param partitionTicksMax   how long a partition lasts at most
 * @param crashPerMille       chance per tick that a random replica crashes (losing what it had not synced)
 * @param downTicksMax        how long a crashed replica stays down at most
 * @param crashedMax          how many replicas may be down or cut off at once (keep a quorum possible)
 * @param byzantineReplicas   replicas whose outgoing messages go through the model's tamper function
 * @param faultTicks          ticks with faults; then the network heals and crashed replicas restart
 * @param livenessTicks       after healing, every command proposed must commit at every correct replica within this
 */
public record FaultPlan(int dropPerMille, int duplicatePerMille, int delayTicksMax, int partitionPerMille,
                        int partitionTicksMax, int crashPerMille, int downTicksMax, int crashedMax,
                        Set<Integer> byzantineReplicas, int faultTicks, int livenessTicks) {

    public FaultPlan {
        byzantineReplicas = Set.copyOf(byzantineReplicas);
        if (delayTicksMax < 1 || faultTicks < 0 || livenessTicks < 1 || crashedMax < 0) {
            throw new IllegalArgumentException("invalid fault plan: " + this);
        }
    }

    /** A network that only delays (and so reorders): the baseline. */
    public static FaultPlan calm(int ticks) {
        return new FaultPlan(0, 0, 3, 0, 0, 0, 0, 0, Set.of(), ticks, 2_000);
    }

    /** Every crash-fault kind at once: drops, duplicates, reordering, partitions and crashes. */
    public static FaultPlan allCrashFaults(int ticks, int crashedMax) {
        return new FaultPlan(50, 30, 8, 4, 200, 3, 300, crashedMax, Set.of(), ticks, 5_000);
    }

    public FaultPlan withByzantine(Set<Integer> replicas) {
        return new FaultPlan(dropPerMille, duplicatePerMille, delayTicksMax, partitionPerMille, partitionTicksMax,
                crashPerMille, downTicksMax, crashedMax, replicas, faultTicks, livenessTicks);
    }
}
