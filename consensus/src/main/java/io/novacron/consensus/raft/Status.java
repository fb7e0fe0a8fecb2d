package io.novacron.consensus.raft;

import java.util.Map;

/**
 * A read-only snapshot of a node's volatile and persistent state, for operators, metrics and test checkers.
 * A copy rather than a live view so a caller cannot mutate the core through it.
 *
 * @param id             this node
 * @param role           current role
 * @param term           current term
 * @param votedFor       vote in the current term or {@link RaftNode#NONE}
 * @param leaderId       known leader or {@link RaftNode#NONE}
 * @param commitIndex    highest index known committed
 * @param appliedIndex   highest index handed to the application via a Ready and advanced
 * @param lastIndex      last index in the log
 * @param snapshotIndex  index of the latest snapshot (compacted prefix)
 * @param conf           membership in effect (the latest configuration entry in the log, dissertation §4.1)
 * @param matchIndexes   leader only: replicated index per member (self included); empty otherwise
 * @param leadTransferee the target of a leadership transfer in progress, or {@link RaftNode#NONE}
 */
public record Status(int id, StateRole role, long term, int votedFor, int leaderId, long commitIndex,
                     long appliedIndex, long lastIndex, long snapshotIndex, ConfState conf,
                     Map<Integer, Long> matchIndexes, int leadTransferee) {

    public Status {
        matchIndexes = Map.copyOf(matchIndexes);
    }
}
