package io.novacron.host;

import io.novacron.grid.config.GridCaches;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;

import javax.cache.Cache;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Host records in the grid: the host cache by id and the name index that keeps names unique. Only the member's
 * consensus thread writes them; readers use the host cache alone, so a change is seen whole there.
 */
final class HostGridStore {

    private final IgniteCache<String, Host> hosts;
    private final IgniteCache<String, String> names;

    /** The caches of member {@code nodeId}: its own copy of the agreed inventory. */
    HostGridStore(Ignite ignite, String nodeId) {
        this.hosts = ignite.cache(GridCaches.hosts(nodeId));
        this.names = ignite.cache(GridCaches.hostNames(nodeId));
    }

    Optional<Host> find(String id) {
        return Optional.ofNullable(hosts.get(id));
    }

    List<Host> all() {
        List<Host> out = new ArrayList<>();
        for (Cache.Entry<String, Host> entry : hosts) {
            out.add(entry.getValue());
        }
        out.sort(Comparator.comparing(Host::getName));
        return out;
    }

    int size() {
        return hosts.size();
    }

    /**
     * Executes the command against the caches; throws without writing when it cannot apply. Deterministic: the
     * new host's id and the time come from the agreed command, so every member computes the same change.
     */
    HostChange apply(AgreedHostCommand agreed) {
        HostCommand command = agreed.command();
        Instant now = agreed.proposedAt();
        if (command instanceof HostCommand.Register register) {
            Host host = Host.register(agreed.newHostId(), register.spec(), now);
            claimName(host.getName(), host.getId());
            hosts.put(host.getId(), host);
            return new HostChange(command, null, host);
        }
        if (command instanceof HostCommand.Update update) {
            Host before = hosts.get(update.hostId());
            if (before == null) {
                throw new HostNotFoundException(update.hostId());
            }
            if (update.expectedVersion() != null && update.expectedVersion() != before.getVersion()) {
                throw new HostVersionConflictException(update.hostId(), update.expectedVersion(), before.getVersion());
            }
            Host after = before.update(update.spec(), now);
            if (!after.getName().equals(before.getName())) {
                claimName(after.getName(), after.getId());
                names.remove(before.getName());
            }
            hosts.put(after.getId(), after);
            return new HostChange(command, before, after);
        }
        HostCommand.Remove remove = (HostCommand.Remove) command;
        Host before = hosts.getAndRemove(remove.hostId());
        if (before == null) {
            throw new HostNotFoundException(remove.hostId());
        }
        names.remove(before.getName(), before.getId());
        return new HostChange(command, before, null);
    }

    /** Empties both caches. */
    void clear() {
        hosts.clear();
        names.clear();
    }

    /** Stores hosts read from a snapshot, with their name index; the caches must be empty. */
    void restore(List<Host> restored) {
        Map<String, Host> byId = new HashMap<>();
        Map<String, String> idByName = new HashMap<>();
        for (Host host : restored) {
            byId.put(host.getId(), host);
            idByName.put(host.getName(), host.getId());
        }
        hosts.putAll(byId);
        names.putAll(idByName);
    }

    private void claimName(String name, String id) {
        String holder = names.getAndPutIfAbsent(name, id);
        if (holder != null && !holder.equals(id)) {
            throw new DuplicateHostNameException(name);
        }
    }
}
