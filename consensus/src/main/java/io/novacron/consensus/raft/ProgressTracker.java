package io.novacron.consensus.raft;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The membership in effect plus everything counted against it: per-member replication {@link Progress},
 * election votes, and every quorum decision (commit index, election result, check-quorum).
 * Keeping all counting behind one injectable {@link QuorumRule} in one place (etcd's tracker package) means a
 * wrong rule breaks elections, commits and reads alike, which is what the simulation checker must detect.
 */
final class ProgressTracker {

    /** Outcome of counting votes so far. */
    enum VoteResult { WON, LOST, PENDING }

    private final int self;
    private final QuorumRule quorumRule;
    private final int maxInflight;
    private ConfState conf = ConfState.EMPTY;
    private final Map<Integer, Progress> progress = new TreeMap<>();
    private final Map<Integer, Boolean> votes = new TreeMap<>();

    ProgressTracker(int self, QuorumRule quorumRule, int maxInflight) {
        this.self = self;
        this.quorumRule = quorumRule;
        this.maxInflight = maxInflight;
    }

    ConfState conf() {
        return conf;
    }

    void setConf(ConfState newConf) {
        conf = newConf;
    }

    boolean isVoter(int node) {
        return conf.voters().contains(node);
    }

    /** The quorum for the current voters, checked against the rule's contract. */
    int quorumSize() {
        int voters = conf.voters().size();
        int q = quorumRule.quorumSize(voters);
        if (q < 1 || q > Math.max(1, voters)) {
            throw new IllegalStateException("quorum rule returned " + q + " for " + voters + " voters; allowed 1.." + voters);
        }
        return q;
    }

    // ---------------------------------------------------------------- votes

    void resetVotes() {
        votes.clear();
    }

    /** Records one vote (first answer per voter wins; non-voters are ignored) and tallies. */
    VoteResult recordVote(int from, boolean granted) {
        if (isVoter(from)) {
            votes.putIfAbsent(from, granted);
        }
        int quorum = quorumSize();
        long yes = votes.values().stream().filter(v -> v).count();
        long no = votes.size() - yes;
        if (yes >= quorum) {
            return VoteResult.WON;
        }
        return conf.voters().size() - no < quorum ? VoteResult.LOST : VoteResult.PENDING;
    }

    // ---------------------------------------------------------------- progress (leader only)

    void clearProgress() {
        progress.clear();
    }

    Progress get(int node) {
        return progress.get(node);
    }

    /** Members other than this node, in id order. */
    List<Integer> peers() {
        List<Integer> out = new ArrayList<>(progress.keySet());
        out.remove((Integer) self);
        return Collections.unmodifiableList(out);
    }

    Map<Integer, Progress> all() {
        return Collections.unmodifiableMap(progress);
    }

    /** Adds progress for new members (starting at lastIndex + 1, PROBE) and drops it for removed ones. */
    void syncProgress(long lastIndex) {
        progress.keySet().removeIf(node -> !conf.contains(node));
        for (Set<Integer> members : List.of(conf.voters(), conf.learners())) {
            for (int node : members) {
                if (!progress.containsKey(node)) {
                    Progress pr = new Progress(lastIndex + 1, maxInflight);
                    if (node == self) {
                        pr.selfAppended(lastIndex);
                    }
                    pr.setRecentActive(true); // a new member gets one check-quorum round before it counts as silent
                    progress.put(node, pr);
                }
            }
        }
    }

    /** The highest index a quorum of voters holds (Raft §5.3); 0 if no voter has progress. */
    long quorumMatchIndex() {
        List<Long> matches = new ArrayList<>();
        for (int voter : conf.voters()) {
            Progress pr = progress.get(voter);
            matches.add(pr == null ? 0L : pr.matchIndex());
        }
        if (matches.isEmpty()) {
            return 0;
        }
        matches.sort(Collections.reverseOrder());
        return matches.get(quorumSize() - 1);
    }

    /** Check-quorum: whether a quorum of voters was heard from since the last call; starts the next round. */
    boolean quorumActiveAndReset() {
        int active = 0;
        for (Map.Entry<Integer, Progress> e : progress.entrySet()) {
            boolean isSelf = e.getKey() == self;
            if (isVoter(e.getKey()) && (isSelf || e.getValue().recentActive())) {
                active++;
            }
            e.getValue().setRecentActive(isSelf);
        }
        return active >= quorumSize();
    }

    Map<Integer, Long> matchIndexes() {
        Map<Integer, Long> out = new TreeMap<>();
        progress.forEach((node, pr) -> out.put(node, pr.matchIndex()));
        return out;
    }
}
