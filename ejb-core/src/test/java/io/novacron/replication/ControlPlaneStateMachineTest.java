package io.novacron.replication;

import io.novacron.consensus.engine.ReplicatedStateMachine;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlPlaneStateMachineTest {

    /** A part that appends each payload (as text) to a list; its outcome is the list's new size. */
    static final class Journal implements AgreedState {
        final byte kind;
        final List<String> entries = new ArrayList<>();
        final List<Integer> runs = new ArrayList<>();

        Journal(char kind) {
            this.kind = (byte) kind;
        }

        @Override
        public byte kind() {
            return kind;
        }

        @Override
        public Outcome apply(long position, byte[] payload) {
            entries.add(new String(payload, StandardCharsets.UTF_8));
            return new Outcome(new byte[] {(byte) entries.size()}, "local " + entries.size());
        }

        @Override
        public List<Outcome> applyAll(List<ReplicatedStateMachine.Committed> commands) {
            runs.add(commands.size());
            return AgreedState.super.applyAll(commands);
        }

        @Override
        public void writeSnapshot(DataOutputStream out) throws IOException {
            out.writeInt(entries.size());
            for (String entry : entries) {
                out.writeUTF(entry);
            }
        }

        @Override
        public void readSnapshot(DataInputStream in) throws IOException {
            for (int i = in.readInt(); i > 0; i--) {
                entries.add(in.readUTF());
            }
        }

        @Override
        public void clear() {
            entries.clear();
        }
    }

    private final Map<UUID, Object> told = new HashMap<>();

    private static byte[] command(char kind, UUID proposal, String payload) {
        return new ProposedCommand((byte) kind, proposal, payload.getBytes(StandardCharsets.UTF_8)).encode();
    }

    @Test
    void routesEachCommandToThePartItsKindNamesAndTellsTheListenerTheLocalOutcome() {
        Journal hosts = new Journal('H');
        Journal flags = new Journal('F');
        ControlPlaneStateMachine machine = new ControlPlaneStateMachine(List.of(hosts, flags), told::put);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        assertArrayEquals(new byte[] {1}, machine.apply(1, command('H', first, "hv-01")));
        assertArrayEquals(new byte[] {1}, machine.apply(2, command('F', second, "maintenance")));

        assertEquals(List.of("hv-01"), hosts.entries);
        assertEquals(List.of("maintenance"), flags.entries);
        assertEquals("local 1", told.get(first));
        assertEquals("local 1", told.get(second));
    }

    /**
     * A round's commands reach each part as runs of consecutive commands (one transaction each in the grid), in
     * order; a repeat or an unknown command in between neither splits a run nor reaches a part, and every result
     * and listener call is the one applying them one by one gives.
     */
    @Test
    void aRoundIsHandedToEachPartInRunsWithTheResultsOfOneByOne() {
        Journal hosts = new Journal('H');
        Journal flags = new Journal('F');
        ControlPlaneStateMachine machine = new ControlPlaneStateMachine(List.of(hosts, flags), told::put);
        UUID repeated = UUID.randomUUID();
        machine.apply(1, command('H', repeated, "hv-00"));
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

        List<byte[]> results = machine.applyAll(List.of(
                new ReplicatedStateMachine.Committed(2, command('H', ids.get(0), "hv-01")),
                new ReplicatedStateMachine.Committed(3, command('H', repeated, "hv-00")),
                new ReplicatedStateMachine.Committed(4, command('Z', UUID.randomUUID(), "?")),
                new ReplicatedStateMachine.Committed(5, command('H', ids.get(1), "hv-02")),
                new ReplicatedStateMachine.Committed(6, command('F', ids.get(2), "drain")),
                new ReplicatedStateMachine.Committed(7, command('H', ids.get(3), "hv-03"))));

        assertEquals(List.of("[2]", "[-2]", "[-1]", "[3]", "[1]", "[4]"),
                results.stream().map(Arrays::toString).toList());
        assertEquals(List.of(1, 2, 1), hosts.runs, "hv-00 alone, then hv-01 and hv-02 in one run, then hv-03");
        assertEquals(List.of(1), flags.runs);
        assertEquals(List.of("hv-00", "hv-01", "hv-02", "hv-03"), hosts.entries);
        assertEquals("local 2", told.get(ids.get(0)));
        assertEquals("local 3", told.get(ids.get(1)));
        assertEquals("local 1", told.get(ids.get(2)));
        assertEquals("local 4", told.get(ids.get(3)));
    }

    @Test
    void aCommandNoPartKnowsIsSkippedTheSameWayOnEveryMember() {
        Journal hosts = new Journal('H');
        ControlPlaneStateMachine machine = new ControlPlaneStateMachine(List.of(hosts), told::put);

        assertArrayEquals(new byte[] {(byte) 0xFF}, machine.apply(1, command('Z', UUID.randomUUID(), "?")));
        assertArrayEquals(new byte[] {(byte) 0xFF}, machine.apply(2, new byte[] {'H', 1, 2}));
        assertTrue(hosts.entries.isEmpty());
        assertTrue(told.isEmpty());
    }

    @Test
    void aSnapshotRestoresEveryPartOnAnotherMember() {
        Journal hosts = new Journal('H');
        Journal flags = new Journal('F');
        ControlPlaneStateMachine source = new ControlPlaneStateMachine(List.of(hosts, flags), told::put);
        source.apply(1, command('H', UUID.randomUUID(), "hv-01"));
        source.apply(2, command('H', UUID.randomUUID(), "hv-02"));
        source.apply(3, command('F', UUID.randomUUID(), "drain"));

        Journal otherHosts = new Journal('H');
        Journal otherFlags = new Journal('F');
        otherHosts.entries.add("stale, from before the snapshot");
        ControlPlaneStateMachine other = new ControlPlaneStateMachine(List.of(otherFlags, otherHosts), told::put);
        other.restore(source.snapshot());

        assertEquals(List.of("hv-01", "hv-02"), otherHosts.entries);
        assertEquals(List.of("drain"), otherFlags.entries);
        assertArrayEquals(source.snapshot(), other.snapshot(), "equal states, equal snapshot bytes");
    }

    @Test
    void refusesASnapshotWithAPartItDoesNotKnow() {
        ControlPlaneStateMachine source = new ControlPlaneStateMachine(List.of(new Journal('H'), new Journal('F')),
                told::put);
        ControlPlaneStateMachine older = new ControlPlaneStateMachine(List.of(new Journal('H')), told::put);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> older.restore(source.snapshot()));
        assertTrue(refused.getMessage().contains("does not know"), refused.getMessage());
    }

    @Test
    void twoPartsMayNotShareAKind() {
        assertThrows(IllegalArgumentException.class,
                () -> new ControlPlaneStateMachine(List.of(new Journal('H'), new Journal('H')), told::put));
    }

    @Test
    void aProposalCommittedTwiceChangesTheStateOnceOnEveryMember() {
        Journal hosts = new Journal('H');
        ControlPlaneStateMachine machine = new ControlPlaneStateMachine(List.of(hosts), told::put);
        UUID sentTwice = UUID.randomUUID();

        machine.apply(1, command('H', sentTwice, "hv-01"));
        told.clear();
        assertArrayEquals(ControlPlaneStateMachine.REPEATED, machine.apply(2, command('H', sentTwice, "hv-01")));

        assertEquals(List.of("hv-01"), hosts.entries);
        assertTrue(told.isEmpty(), "the proposer was answered when it was first applied");
    }

    @Test
    void theWindowOfAppliedProposalsTravelsInTheSnapshot() {
        Journal hosts = new Journal('H');
        ControlPlaneStateMachine source = new ControlPlaneStateMachine(List.of(hosts), told::put);
        UUID applied = UUID.randomUUID();
        source.apply(1, command('H', applied, "hv-01"));

        Journal otherHosts = new Journal('H');
        ControlPlaneStateMachine other = new ControlPlaneStateMachine(List.of(otherHosts), told::put);
        other.restore(source.snapshot());

        assertArrayEquals(ControlPlaneStateMachine.REPEATED, other.apply(2, command('H', applied, "hv-01")));
        assertEquals(List.of("hv-01"), otherHosts.entries);
        other.clear();
        other.apply(1, command('H', applied, "hv-01"));
        assertEquals(List.of("hv-01"), otherHosts.entries, "clear forgets the window with the state");
    }

    @Test
    void onlyTheLatestProposalsAreRememberedAndEveryMemberForgetsTheSame() {
        Journal hosts = new Journal('H');
        ControlPlaneStateMachine machine = new ControlPlaneStateMachine(List.of(hosts), told::put, 2);
        UUID oldest = UUID.randomUUID();
        machine.apply(1, command('H', oldest, "a"));
        machine.apply(2, command('H', UUID.randomUUID(), "b"));
        machine.apply(3, command('H', UUID.randomUUID(), "c"));

        machine.apply(4, command('H', oldest, "a"));

        assertEquals(List.of("a", "b", "c", "a"), hosts.entries, "beyond the window a repeat is not recognized");
    }

    @Test
    void aSnapshotWrittenBeforeTheWindowExistedRestoresWithAnEmptyWindow() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeByte('H');
            out.writeInt(4 + 2 + 5);
            out.writeInt(1);
            out.writeUTF("hv-01");
        }
        Journal hosts = new Journal('H');
        ControlPlaneStateMachine machine = new ControlPlaneStateMachine(List.of(hosts), told::put);

        machine.restore(bytes.toByteArray());

        assertEquals(List.of("hv-01"), hosts.entries);
        machine.apply(1, command('H', UUID.randomUUID(), "hv-02"));
        assertEquals(List.of("hv-01", "hv-02"), hosts.entries);
    }
}
