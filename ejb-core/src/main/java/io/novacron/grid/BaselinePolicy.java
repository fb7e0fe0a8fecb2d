package io.novacron.grid;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides when a multi-member grid activates and what its baseline topology is, from what one node sees.
 * Plain logic, so it is tested without Ignite; {@link GridNode} applies the decision.
 * <p>
 * With native persistence only baseline nodes hold data, and a persistent cluster starts inactive. NovaCron keeps
 * the baseline equal to the configured cluster members: the grid and the consensus group are the same servers.
 * <ul>
 *   <li>First start (no baseline yet): activate once every member has joined, so the first baseline holds all
 *       of them and every member keeps a full copy of the replicated caches.</li>
 *   <li>Restart of an inactive cluster that has a baseline: Ignite activates by itself when all baseline nodes
 *       are back; NovaCron activates already when a majority of the members is back (the others catch up from
 *       the WAL when they return).</li>
 *   <li>Active cluster: a member that joins and is not in the baseline (the member list grew) is added; a
 *       baseline node that is no longer a member and is offline is dropped. A member that merely went down stays
 *       in the baseline, so when it restarts it rejoins with its own files and catches up.</li>
 * </ul>
 * Only one node acts: the first member, in member order, that is online.
 */
public final class BaselinePolicy {

    /** What the acting node should do now. */
    public sealed interface Decision {
    }

    /** Nothing to do. */
    public record Wait(String reason) implements Decision {
    }

    /** Activate the cluster (the baseline becomes the online server nodes, or stays the existing one). */
    public record Activate(String reason) implements Decision {
    }

    /** Set the baseline to exactly these consistent ids (online or offline). */
    public record SetBaseline(Set<String> consistentIds) implements Decision {
    }

    private BaselinePolicy() {
    }

    /**
     * @param members  the configured member ids, in member order (they are the grid's consistent ids)
     * @param localId  this node's id
     * @param online   consistent ids of the server nodes in the topology now
     * @param active   whether the cluster is active
     * @param baseline consistent ids of the current baseline, or null if the cluster never had one
     */
    public static Decision decide(List<String> members, String localId, Set<String> online, boolean active,
                                  Set<String> baseline) {
        String actor = members.stream().filter(online::contains).findFirst().orElse(null);
        if (!localId.equals(actor)) {
            return new Wait("member " + actor + " manages the baseline");
        }
        long onlineMembers = members.stream().filter(online::contains).count();
        if (!active) {
            if (baseline == null) {
                return onlineMembers == members.size() ? new Activate("all " + members.size() + " members joined")
                        : new Wait(onlineMembers + " of " + members.size() + " members joined; the first"
                        + " activation waits for all");
            }
            return onlineMembers > members.size() / 2
                    ? new Activate(onlineMembers + " of " + members.size() + " members are back (a majority)")
                    : new Wait(onlineMembers + " of " + members.size() + " members are back; waiting for a majority");
        }
        Set<String> desired = new LinkedHashSet<>();
        for (String member : members) {
            if (online.contains(member) || (baseline != null && baseline.contains(member))) {
                desired.add(member);
            }
        }
        if (baseline != null) {
            // Baseline nodes that are no longer members but still online stay until they leave: dropping an
            // online owner would move data away from it for nothing.
            baseline.stream().filter(id -> !members.contains(id) && online.contains(id)).forEach(desired::add);
        }
        return desired.equals(baseline == null ? Set.of() : baseline) ? new Wait("baseline is current")
                : new SetBaseline(desired);
    }
}
