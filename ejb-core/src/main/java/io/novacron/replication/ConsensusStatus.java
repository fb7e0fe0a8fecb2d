package io.novacron.replication;

import java.util.List;

/**
 * What the API shows of this member's consensus engine.
 *
 * @param protocol  raft or pbft
 * @param state     RUNNING, or why it is not (e.g. NOT_STARTED with the reason in {@code problem})
 * @param nodeId    this member
 * @param role      LEADER, FOLLOWER, CANDIDATE, PRE_CANDIDATE (Raft) or PRIMARY, BACKUP, VIEW_CHANGE (PBFT)
 * @param term      Raft term or PBFT view
 * @param leader    node id of the leader or primary this member knows, or null
 * @param committed highest committed position known here
 * @param applied   highest position applied here
 * @param members   every member with what this member knows of it
 * @param problem   why the engine is not running, or null
 */
public record ConsensusStatus(String protocol, String state, String nodeId, String role, long term, String leader,
                              long committed, long applied, List<Member> members, String problem) {

    /**
     * @param matched highest position known replicated there (the leader knows), or -1
     * @param lag       committed position minus matched, or -1 where matched is unknown
     * @param rttMillis last heartbeat round trip over the transport, or -1 (self, or not measured yet)
     * @param connected whether the transport's control stream to it is up (true for self)
     */
    public record Member(String id, String address, boolean self, long matched, long lag, double rttMillis,
                         boolean connected) {
    }

    public ConsensusStatus {
        members = List.copyOf(members);
    }
}
