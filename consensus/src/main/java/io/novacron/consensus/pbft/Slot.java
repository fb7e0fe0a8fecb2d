package io.novacron.consensus.pbft;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.novacron.consensus.pbft.PbftMessage.Commit;
import io.novacron.consensus.pbft.PbftMessage.PrePrepare;
import io.novacron.consensus.pbft.PbftMessage.Prepare;

/**
 * One sequence number's agreement state in the current view: the accepted pre-prepare and the prepares and
 * commits received, one per sender (a second, different vote from the same sender is ignored).
 * <p>
 * Invariant: {@code prePrepare}, once set, changes within a view only to a batch that 2f+1 replicas committed
 * (then no other batch can ever execute at this sequence number), which is what stops an equivocating primary from
 * getting two batches prepared at one sequence number while letting a backup it deceived catch up.
 */
final class Slot {

    PrePrepare prePrepare;
    /** The primary's other pre-prepare for this slot (it equivocated), kept until commits show which one counts. */
    PrePrepare conflicting;
    final Map<Integer, Prepare> prepares = new LinkedHashMap<>();
    final Map<Integer, Commit> commits = new LinkedHashMap<>();
    boolean prepared;
    boolean committed;
    /** Senders whose PREPARE arrived after the slot prepared and was dropped without a signature check. */
    final Set<Integer> uncheckedPrepares = new HashSet<>();
    /** Senders whose COMMIT arrived after the slot committed and was dropped without a signature check. */
    final Set<Integer> uncheckedCommits = new HashSet<>();

    /** Prepares from backups (never the primary) matching the accepted pre-prepare's digest. */
    List<Prepare> matchingPrepares() {
        if (prePrepare == null) {
            return List.of();
        }
        return prepares.values().stream()
                .filter(p -> p.sender() != prePrepare.sender() && Arrays.equals(p.batchDigest(), prePrepare.batchDigest()))
                .collect(Collectors.toList());
    }

    /** Commits matching the accepted pre-prepare's digest. */
    List<Commit> matchingCommits() {
        if (prePrepare == null) {
            return List.of();
        }
        return commits.values().stream()
                .filter(c -> Arrays.equals(c.batchDigest(), prePrepare.batchDigest()))
                .collect(Collectors.toList());
    }

    /** How many commits name {@code digest}. */
    int commitsFor(byte[] digest) {
        int count = 0;
        for (Commit commit : commits.values()) {
            if (Arrays.equals(commit.batchDigest(), digest)) {
                count++;
            }
        }
        return count;
    }

    /** The senders of the commits for a digest that at least {@code quorum} of them commit, or an empty list. */
    List<Integer> commitQuorumSenders(int quorum) {
        for (Commit candidate : commits.values()) {
            if (commitsFor(candidate.batchDigest()) >= quorum) {
                return commits.values().stream().filter(c -> Arrays.equals(c.batchDigest(), candidate.batchDigest()))
                        .map(Commit::sender).collect(Collectors.toList());
            }
        }
        return List.of();
    }
}
