package io.novacron.consensus.pbft;

/**
 * Immutable PBFT settings for one replica group; {@link #validate()} rejects nonsense in one line naming the
 * setting.
 * <p>
 * A record so a driver can build it from MicroProfile Config in one place and a simulator can vary it per seed.
 *
 * @param replicaCount                 n, number of replicas; tolerates f = (n - 1) / 3 Byzantine ones
 * @param checkpointIntervalSeqs       K, a checkpoint is taken every K sequence numbers (§4.3)
 * @param watermarkWindowSeqs          L, sequence numbers accepted are h < n <= h + L; a multiple of K, at least 2K
 * @param batchSizeMax                 most requests in one PRE-PREPARE
 * @param batchWaitTicks               a partial batch is proposed after this many ticks
 * @param requestTimeoutTicks          a backup starts a view change when a known request waits this long (§4.4)
 * @param viewChangeTimeoutTicksMax    cap on the doubling view-change timeout
 * @param clientRetryTicks             a client re-broadcasts an unanswered request after this many ticks
 */
public record PbftConfig(int replicaCount, int checkpointIntervalSeqs, int watermarkWindowSeqs, int batchSizeMax,
                         int batchWaitTicks, int requestTimeoutTicks, int viewChangeTimeoutTicksMax,
                         int clientRetryTicks) {

    /** A four-replica group with small values suited to tests: K = 4, L = 8, batches of 8 after 1 tick. */
    public static PbftConfig defaultsFor(int replicaCount) {
        return new PbftConfig(replicaCount, 4, 8, 8, 1, 20, 320, 30);
    }

    /** f, the number of Byzantine replicas tolerated: floor((n - 1) / 3). */
    public int faultsTolerated() {
        return (replicaCount - 1) / 3;
    }

    /** 2f + 1, the size of a prepare/commit/checkpoint/view-change quorum. */
    public int quorum() {
        return 2 * faultsTolerated() + 1;
    }

    /** f + 1, enough to include at least one correct replica (client replies, view-change join). */
    public int weakQuorum() {
        return faultsTolerated() + 1;
    }

    /** The primary of {@code view}: view mod n. */
    public int primaryOf(long view) {
        return (int) Math.floorMod(view, (long) replicaCount);
    }

    /**
     * Returns this config if sensible.
     *
     * @throws IllegalArgumentException naming the first bad setting, its value and what is allowed
     */
    public PbftConfig validate() {
        if (replicaCount < 4) {
            throw bad("replicaCount", replicaCount, "n >= 3f+1 with f >= 1, so at least 4");
        }
        if (checkpointIntervalSeqs < 1) {
            throw bad("checkpointIntervalSeqs", checkpointIntervalSeqs, "K >= 1");
        }
        if (watermarkWindowSeqs < 2 * checkpointIntervalSeqs || watermarkWindowSeqs % checkpointIntervalSeqs != 0) {
            throw bad("watermarkWindowSeqs", watermarkWindowSeqs, "a multiple of K=" + checkpointIntervalSeqs
                    + " and at least 2K");
        }
        if (batchSizeMax < 1) {
            throw bad("batchSizeMax", batchSizeMax, ">= 1");
        }
        if (batchWaitTicks < 0) {
            throw bad("batchWaitTicks", batchWaitTicks, ">= 0");
        }
        if (requestTimeoutTicks < 1) {
            throw bad("requestTimeoutTicks", requestTimeoutTicks, ">= 1");
        }
        if (viewChangeTimeoutTicksMax < requestTimeoutTicks) {
            throw bad("viewChangeTimeoutTicksMax", viewChangeTimeoutTicksMax, ">= requestTimeoutTicks="
                    + requestTimeoutTicks);
        }
        if (clientRetryTicks < 1) {
            throw bad("clientRetryTicks", clientRetryTicks, ">= 1");
        }
        return this;
    }

    private static IllegalArgumentException bad(String setting, int value, String allowed) {
        return new IllegalArgumentException("pbft." + setting + "=" + value + " is invalid: must be " + allowed);
    }
}
