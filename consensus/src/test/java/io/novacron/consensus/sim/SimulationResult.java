package io.novacron.consensus.sim;

/** What one seeded run did, for the test log and the closing figures. */
public record SimulationResult(String protocol, long seed, long ticks, long steps, long messagesSent,
                               long messagesDropped, long messagesDuplicated, long commits, long requestsCompleted,
                               long crashes, long partitions, long duplicateCommitsSuppressed,
                               long operationsChecked) {

    @Override
    public String toString() {
        return protocol + " seed=" + seed + ": " + ticks + " ticks, " + steps + " steps, " + commits + " commits, "
                + requestsCompleted + " requests, " + messagesSent + " sent / " + messagesDropped + " dropped / "
                + messagesDuplicated + " duplicated, " + crashes + " crashes, " + partitions + " partitions"
                + (operationsChecked > 0 ? ", " + operationsChecked + " key-value operations linearizable" : "");
    }
}
