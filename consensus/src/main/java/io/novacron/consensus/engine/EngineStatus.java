package io.novacron.consensus.engine;

import java.util.Map;

/**
 * A snapshot of an engine's progress for the API, metrics and tests.
 *
 * @param protocol      {@code raft} or {@code pbft}
 * @param member        this member's index
 * @param role          e.g. LEADER, FOLLOWER, CANDIDATE (Raft) or PRIMARY, BACKUP, VIEW_CHANGE (PBFT)
 * @param epoch         Raft term or PBFT view
 * @param leader        index of the member that leads (Raft leader, PBFT primary), or -1 if none is known
 * @param committed     highest committed position known here
 * @param applied       highest position applied here
 * @param memberMatched per member, the highest position known to be replicated there (leader's view; empty
 *                      where the protocol or role does not know)
 */
public record EngineStatus(String protocol, int member, String role, long epoch, int leader, long committed,
                           long applied, Map<Integer, Long> memberMatched) {

    public EngineStatus {
        memberMatched = Map.copyOf(memberMatched);
    }
}
