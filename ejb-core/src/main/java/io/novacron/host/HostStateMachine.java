package io.novacron.host;

import io.novacron.consensus.engine.ReplicatedStateMachine;
import io.novacron.grid.GridNode;
import io.novacron.replication.AgreedState;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.ignite.Ignite;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The host inventory as agreed state: applies committed {@link AgreedHostCommand}s to this member's own host caches.
 * The agreed result is one byte ({@link #OK} or the refusal's code), the same on every member; the proposer's caller
 * receives the {@link HostChange} or the refusal's exception. A failing grid is not a refusal: it throws, and this
 * member's consensus stops rather than diverge from the others.
 */
@ApplicationScoped
public class HostStateMachine implements AgreedState {

    /** The kind byte of host commands in the consensus log. */
    public static final byte KIND = 'H';
    static final byte OK = 0;
    static final byte NOT_FOUND = 1;
    static final byte NAME_TAKEN = 2;
    static final byte VERSION_CONFLICT = 3;
    static final byte MALFORMED = 4;
    static final int RESTORE_BATCH_HOSTS = 1_000;

    /**
     * This member's hosts as snapshot records, by id: the bytes {@link #writeSnapshot} writes, kept beside the grid's
     * copy so that a snapshot is a copy of bytes. Built by scanning the grid, a snapshot took a PBFT replica hundreds
     * of milliseconds at 50,000 hosts, at every checkpoint (every 32 sequence numbers), and the whole group waited.
     * Touched only by the consensus thread, like everything the engine calls here. Costs about 120 B of heap a host.
     */
    private final TreeMap<String, byte[]> records = new TreeMap<>();

    @EJB
    GridNode grid;
    @Inject
    @ConfigProperty(name = "novacron.node.id", defaultValue = "node-1")
    String nodeId;

    @Override
    public byte kind() {
        return KIND;
    }

    @Override
    public Outcome apply(long position, byte[] payload) {
        return applyAll(List.of(new ReplicatedStateMachine.Committed(position, payload))).get(0);
    }

    /** The commands of one consensus round, in order. */
    @Override
    public List<Outcome> applyAll(List<ReplicatedStateMachine.Committed> commands) {
        List<Outcome> outcomes = applyInOrder(grid.running(), nodeId, commands);
        outcomes.forEach(outcome -> remember(outcome.local()));
        return outcomes;
    }

    /** Keeps {@link #records} equal to the grid's copy after an applied change. */
    private void remember(Object local) {
        if (local instanceof HostChange change) {
            if (change.after() != null) {
                records.put(change.after().getId(), HostRecordCodec.encode(change.after()));
            } else if (change.before() != null) {
                records.remove(change.before().getId());
            }
        }
    }

    /**
     * Applies {@code commands} in order to member {@code nodeId}'s (atomic) caches: each sees the ones before it, and
     * a refused command writes nothing ({@link HostGridStore#apply} checks before it writes), so the others apply. A
     * grid failure throws part-way; this member's consensus then stops and its next start rebuilds the copy from the
     * journal, so a round applied in part never outlives it (see {@code GridCaches}).
     */
    static List<Outcome> applyInOrder(Ignite ignite, String nodeId, List<ReplicatedStateMachine.Committed> commands) {
        List<Outcome> outcomes = new ArrayList<>(commands.size());
        HostGridStore store = new HostGridStore(ignite, nodeId);
        for (ReplicatedStateMachine.Committed command : commands) {
            outcomes.add(applyOne(store, command.command()));
        }
        return outcomes;
    }

    private static Outcome applyOne(HostGridStore store, byte[] payload) {
        AgreedHostCommand agreed;
        try {
            agreed = AgreedHostCommandCodec.decode(payload);
        } catch (IllegalArgumentException malformed) {
            return new Outcome(new byte[] {MALFORMED}, malformed);
        }
        try {
            return new Outcome(new byte[] {OK}, store.apply(agreed));
        } catch (HostNotFoundException refused) {
            return new Outcome(new byte[] {NOT_FOUND}, refused);
        } catch (DuplicateHostNameException refused) {
            return new Outcome(new byte[] {NAME_TAKEN}, refused);
        } catch (HostVersionConflictException refused) {
            return new Outcome(new byte[] {VERSION_CONFLICT}, refused);
        }
    }

    @Override
    public void writeSnapshot(DataOutputStream out) throws IOException {
        HostRecordCodec.writeEncoded(out, records.values());
    }

    /**
     * Called after {@link #clear()}. The hosts go in in batches of {@value #RESTORE_BATCH_HOSTS}: one transaction over
     * a whole inventory (220,000 hosts, 440,000 locks) outran its timeout on a loaded server, and the member could
     * then never start again. Nothing reads this member's copy as agreed until the restore returns, and a failure
     * part-way clears it at the next start, so the batches need not be one transaction.
     */
    @Override
    public void readSnapshot(DataInputStream in) throws IOException {
        List<Host> hosts = HostRecordCodec.read(in);
        restoreInBatches(grid.running(), nodeId, hosts);
        hosts.forEach(host -> records.put(host.getId(), HostRecordCodec.encode(host)));
    }

    static void restoreInBatches(Ignite ignite, String nodeId, List<Host> hosts) {
        HostGridStore store = new HostGridStore(ignite, nodeId);
        for (int from = 0; from < hosts.size(); from += RESTORE_BATCH_HOSTS) {
            store.restore(hosts.subList(from, Math.min(hosts.size(), from + RESTORE_BATCH_HOSTS)));
        }
    }

    @Override
    public void clear() {
        store().clear();
        records.clear();
    }

    private HostGridStore store() {
        return new HostGridStore(grid.running(), nodeId);
    }
}
