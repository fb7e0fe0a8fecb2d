package io.novacron.replication;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
}
