package io.novacron.consensus.raft;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The immutable settings of one Raft node; {@link #validate()} rejects nonsense before the node starts.
 * Durations are in ticks because the core has no clock: the driver decides how long a tick is.
 *
 * @param id                    this node's id (positive; 0 is {@link RaftNode#NONE})
 * @param voters                the bootstrap voters, used only when no snapshot carries a membership
 * @param learners              the bootstrap learners
 * @param electionTimeoutTicks  base election timeout; the actual one is drawn from [this, 2×this)
 * @param heartbeatTicks        ticks between leader heartbeats; must be well below the election timeout
 * @param maxEntriesPerMessage  batching bound on entries per APPEND_ENTRIES
 * @param maxBytesPerMessage    batching bound on entry payload bytes per APPEND_ENTRIES (one entry always goes)
 * @param maxInflightMessages   pipelining window per follower in REPLICATE state
 * @param preVote               run a pre-vote round before bumping the term (dissertation §9.6)
 * @param checkQuorum           a leader that has not heard from a quorum for an election timeout steps down
 */
public record RaftConfig(int id, Set<Integer> voters, Set<Integer> learners, int electionTimeoutTicks,
                         int heartbeatTicks, int maxEntriesPerMessage, long maxBytesPerMessage,
                         int maxInflightMessages, boolean preVote, boolean checkQuorum) {

    public RaftConfig {
        voters = Collections.unmodifiableSet(new TreeSet<>(voters)); // sorted: iteration order must not vary per JVM
        learners = Collections.unmodifiableSet(new TreeSet<>(learners));
    }

    /** Sensible defaults for a voter in the given cluster: 10-tick elections, 1-tick heartbeats, pre-vote and check-quorum on. */
    public static RaftConfig defaults(int id, Set<Integer> voters) {
        return new RaftConfig(id, voters, Set.of(), 10, 1, 64, 1 << 20, 256, true, true);
    }

    /** A copy with different bootstrap learners. */
    public RaftConfig withLearners(Set<Integer> newLearners) {
        return new RaftConfig(id, voters, newLearners, electionTimeoutTicks, heartbeatTicks, maxEntriesPerMessage,
                maxBytesPerMessage, maxInflightMessages, preVote, checkQuorum);
    }

    /** A copy with different batching and pipelining bounds. */
    public RaftConfig withFlowControl(int entriesPerMessage, long bytesPerMessage, int inflightMessages) {
        return new RaftConfig(id, voters, learners, electionTimeoutTicks, heartbeatTicks, entriesPerMessage,
                bytesPerMessage, inflightMessages, preVote, checkQuorum);
    }

    /** A copy with pre-vote and check-quorum switched as given. */
    public RaftConfig withElectionSafeguards(boolean usePreVote, boolean useCheckQuorum) {
        return new RaftConfig(id, voters, learners, electionTimeoutTicks, heartbeatTicks, maxEntriesPerMessage,
                maxBytesPerMessage, maxInflightMessages, usePreVote, useCheckQuorum);
    }

    /**
     * Fails with one line naming the setting, its value and what is allowed.
     *
     * @return this, for chaining
     * @throws IllegalArgumentException on the first nonsensical setting
     */
    public RaftConfig validate() {
        require(id > 0, "id", id, "a positive node id (0 means 'no node')");
        require(electionTimeoutTicks >= 2, "electionTimeoutTicks", electionTimeoutTicks, ">= 2");
        require(heartbeatTicks >= 1 && heartbeatTicks < electionTimeoutTicks, "heartbeatTicks", heartbeatTicks,
                ">= 1 and < electionTimeoutTicks (" + electionTimeoutTicks + ")");
        require(maxEntriesPerMessage >= 1, "maxEntriesPerMessage", maxEntriesPerMessage, ">= 1");
        require(maxBytesPerMessage >= 1, "maxBytesPerMessage", maxBytesPerMessage, ">= 1");
        require(maxInflightMessages >= 1, "maxInflightMessages", maxInflightMessages, ">= 1");
        require(!voters.isEmpty(), "voters", voters, "at least one voter");
        for (int v : voters) {
            require(v > 0, "voters", voters, "positive node ids");
            require(!learners.contains(v), "learners", learners, "no node that is also a voter (" + v + ")");
        }
        for (int l : learners) {
            require(l > 0, "learners", learners, "positive node ids");
        }
        require(voters.contains(id) || learners.contains(id), "id", id,
                "a member of voters " + voters + " or learners " + learners);
        return this;
    }

    private static void require(boolean ok, String setting, Object value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException("raft config: " + setting + "=" + value + " is invalid; allowed: " + allowed);
        }
    }
}
