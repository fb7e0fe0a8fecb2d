package io.novacron.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.novacron.consensus.engine.ReplicatedStateMachine;
import io.novacron.grid.config.GridConfigurationFactory;
import io.novacron.grid.config.GridSettings;
import io.novacron.replication.AgreedState.Outcome;

/**
 * The host commands of one consensus round, applied to the caches of a real (in-memory) Ignite node: each sees
 * the ones before it, a refusal in the middle writes nothing and does not stop the others, and the outcomes are
 * those of applying the commands one by one.
 */
class HostStateMachineGridTest {

    @TempDir
    Path work;

    private static HostSpec spec(String name) {
        return new HostSpec(name, "eu-west", "dc-1", "10.0.0.5", 8, 1024L, Map.of(), null);
    }

    private static ReplicatedStateMachine.Committed at(long position, HostCommand command) {
        AgreedHostCommand agreed = AgreedHostCommand.propose("admin", Instant.parse("2026-11-23T10:00:00Z"), command);
        return new ReplicatedStateMachine.Committed(position, AgreedHostCommandCodec.encode(agreed));
    }

    private Ignite startGrid() {
        GridSettings settings = new GridSettings("host-state-machine-test", "node-1", "127.0.0.1", 47640, 10, 47240,
                List.of("127.0.0.1:47640..47650"), 96, false, work);
        return Ignition.start(GridConfigurationFactory.build(settings, getClass().getClassLoader()));
    }

    @Test
    void aSnapshotLargerThanOneRestoreBatchComesBackWhole() {
        try (Ignite ignite = startGrid()) {
            List<Host> hosts = new ArrayList<>();
            Instant at = Instant.parse("2026-12-06T10:00:00Z");
            int count = 2 * HostStateMachine.RESTORE_BATCH_HOSTS + 7;
            for (int i = 0; i < count; i++) {
                hosts.add(Host.register("id-" + i, spec(String.format("hv-%05d", i)), at));
            }
            HostStateMachine.restoreInBatches(ignite, "node-1", hosts);
            HostGridStore store = new HostGridStore(ignite, "node-1");
            assertEquals(count, store.size());
            assertEquals(hosts.stream().map(Host::canonicalForm).toList(),
                    store.all().stream().map(Host::canonicalForm).toList());
            // The name index came back too: a restored name is taken.
            List<Outcome> outcomes = HostStateMachine.applyInOrder(ignite, "node-1",
                    List.of(at(1, new HostCommand.Register(spec("hv-02000")))));
            assertEquals(HostStateMachine.NAME_TAKEN, outcomes.get(0).result()[0]);
        }
    }

    @Test
    void aSnapshotFromTheKeptRecordsEqualsOneFromTheGridAndRestoresTheSame() throws Exception {
        try (Ignite ignite = startGrid()) {
            HostStateMachine machine = machineOn(ignite);
            List<Outcome> registered = machine.applyAll(List.of(at(1, new HostCommand.Register(spec("hv-01"))),
                    at(2, new HostCommand.Register(spec("hv-02"))), at(3, new HostCommand.Register(spec("hv-03")))));
            Host second = ((HostChange) registered.get(1).local()).after();
            Host third = ((HostChange) registered.get(2).local()).after();
            machine.applyAll(List.of(at(4, new HostCommand.Update(second.getId(), spec("hv-02b"), null)),
                    at(5, new HostCommand.Remove(third.getId())), at(6, new HostCommand.Remove("no-such-host"))));

            byte[] kept = snapshotOf(machine);
            java.io.ByteArrayOutputStream fromGrid = new java.io.ByteArrayOutputStream();
            try (java.io.DataOutputStream out = new java.io.DataOutputStream(fromGrid)) {
                HostRecordCodec.write(out, new HostGridStore(ignite, "node-1").all());
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(fromGrid.toByteArray(), kept,
                    "the kept records are the grid's hosts, byte for byte");

            machine.clear();
            assertEquals(0, new HostGridStore(ignite, "node-1").size());
            machine.readSnapshot(new java.io.DataInputStream(new java.io.ByteArrayInputStream(kept)));
            org.junit.jupiter.api.Assertions.assertArrayEquals(kept, snapshotOf(machine));
            assertEquals(List.of("hv-01", "hv-02b"),
                    new HostGridStore(ignite, "node-1").all().stream().map(Host::getName).toList());
        }
    }

    private static byte[] snapshotOf(HostStateMachine machine) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            machine.writeSnapshot(out);
        }
        return bytes.toByteArray();
    }

    /** The state machine as the container builds it, on this test's grid node. */
    private static HostStateMachine machineOn(Ignite ignite) {
        HostStateMachine machine = new HostStateMachine();
        machine.nodeId = "node-1";
        machine.grid = new io.novacron.grid.GridNode() {
            @Override
            public Ignite running() {
                return ignite;
            }
        };
        return machine;
    }

    @Test
    void aRoundWithRefusalsInTheMiddleAppliesTheRest() {
        try (Ignite ignite = startGrid()) {
            List<ReplicatedStateMachine.Committed> round = new ArrayList<>();
            round.add(at(1, new HostCommand.Register(spec("hv-01"))));
            round.add(at(2, new HostCommand.Register(spec("hv-01")))); // the first one took the name, in this round
            round.add(at(3, new HostCommand.Remove("no-such-host")));
            round.add(at(4, new HostCommand.Register(spec("hv-02"))));
            round.add(new ReplicatedStateMachine.Committed(5, new byte[] {1, 2, 3}));

            List<Outcome> outcomes = HostStateMachine.applyInOrder(ignite, "node-1", round);

            assertEquals(List.of(HostStateMachine.OK, HostStateMachine.NAME_TAKEN, HostStateMachine.NOT_FOUND,
                    HostStateMachine.OK, HostStateMachine.MALFORMED), outcomes.stream().map(o -> o.result()[0]).toList());
            assertInstanceOf(DuplicateHostNameException.class, outcomes.get(1).local());
            HostGridStore store = new HostGridStore(ignite, "node-1");
            assertEquals(List.of("hv-01", "hv-02"), store.all().stream().map(Host::getName).toList());
            Host first = ((HostChange) outcomes.get(0).local()).after();
            assertEquals(first.canonicalForm(), store.find(first.getId()).orElseThrow().canonicalForm());

            // The next round sees the last one committed: renaming hv-02 to hv-01 is refused, removing hv-01 is not.
            Host second = ((HostChange) outcomes.get(3).local()).after();
            List<Outcome> next = HostStateMachine.applyInOrder(ignite, "node-1", List.of(
                    at(6, new HostCommand.Update(second.getId(), spec("hv-01"), null)),
                    at(7, new HostCommand.Remove(first.getId())),
                    at(8, new HostCommand.Update(second.getId(), spec("hv-01"), second.getVersion()))));
            assertEquals(List.of(HostStateMachine.NAME_TAKEN, HostStateMachine.OK, HostStateMachine.OK),
                    next.stream().map(o -> o.result()[0]).toList());
            assertEquals(List.of("hv-01"), store.all().stream().map(Host::getName).toList());
            assertEquals(second.getId(), store.all().get(0).getId());
        }
    }
}
