package io.novacron.consensus.pbft;

import java.util.List;
import java.util.Optional;

/**
 * Everything a {@link PbftReplica} asks its driver to do, handed out by {@link PbftReplica#ready()} and
 * acknowledged with {@link PbftReplica#advance(Ready)} (etcd raft's Ready shape).
 * <p>
 * ORDERING CONTRACT, in the order the driver must act:
 * <ol>
 * <li>{@link #view()} and {@link #toPersist()}: write to stable storage BEFORE sending any message of this Ready,
 * so a replica that restarts never contradicts a vote it already cast.</li>
 * <li>{@link #installState()}: if present, load it into the application BEFORE executing {@link #committed()}.</li>
 * <li>{@link #messages()}: send after persisting; order between destinations is free.</li>
 * <li>{@link #committed()}: execute STRICTLY IN THE GIVEN ORDER (increasing, gap-free sequence numbers), each batch
 * exactly once, then report results with {@link PbftReplica#executed} and due checkpoints with
 * {@link PbftReplica#checkpointed}.</li>
 * <li>{@link #replies()}: send to clients after persisting; they reply to batches executed in an earlier Ready.</li>
 * <li>{@link #stableCheckpoints()}: after persisting, the driver may delete persisted log entries and snapshots
 * at or below the latest one's sequence number.</li>
 * </ol>
 * Then call {@link PbftReplica#advance(Ready)} with this same object.
 *
 * @param view              current view, to persist (a restarted replica must not return to an older view)
 * @param toPersist         messages this replica accepted into or added to its log (pre-prepares, prepares,
 *                          commits, checkpoints, view changes, new views) since the previous Ready, and its own
 *                          unsigned checkpoint STATE (client table and application snapshot) when it takes a
 *                          checkpoint or installs fetched state; {@link PbftJournal} persists all of it
 * @param messages          signed messages to other replicas; send only after {@code toPersist} is durable
 * @param committed         batches to execute, strictly in order
 * @param replies           signed replies to clients
 * @param stableCheckpoints checkpoints that became stable, in increasing order
 * @param installState      state fetched by state transfer, to load before executing {@code committed}
 */
public record Ready(long view, List<PbftMessage> toPersist, List<Outbound> messages, List<CommittedBatch> committed,
                    List<Outbound> replies, List<StableCheckpoint> stableCheckpoints,
                    Optional<InstalledState> installState) {

    /** Copies the lists so a Ready cannot change while the driver works through it. */
    public Ready {
        toPersist = List.copyOf(toPersist);
        messages = List.copyOf(messages);
        committed = List.copyOf(committed);
        replies = List.copyOf(replies);
        stableCheckpoints = List.copyOf(stableCheckpoints);
    }
}
