package io.novacron.grid.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GridSettingsTest {

    static GridSettings valid() {
        return new GridSettings("test", "node-1", "127.0.0.1", 47500, 10, 47100,
                List.of("127.0.0.1:47500..47509"), 128, false, Path.of("target/grid-test"));
    }

    @Test
    void acceptsTheDefaults() {
        assertDoesNotThrow(() -> valid().validate());
    }

    @Test
    void rejectsARegionBelowTheMinimumNamingTheProperty() {
        GridSettings tiny = new GridSettings("test", "node-1", "127.0.0.1", 47500, 10, 47100,
                List.of("127.0.0.1:47500"), 8, false, Path.of("x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, tiny::validate);
        assertEquals("Invalid configuration novacron.grid.region-max-mib=8: expected at least 64", e.getMessage());
    }

    @Test
    void rejectsPortsOutOfRange() {
        GridSettings bad = new GridSettings("test", "node-1", "127.0.0.1", 70000, 10, 47100,
                List.of("127.0.0.1:47500"), 128, false, Path.of("x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::validate);
        assertEquals("Invalid configuration novacron.grid.discovery-port=70000: expected 1..65535", e.getMessage());
    }

    @Test
    void rejectsANodeIdThatCannotNameAFolder() {
        GridSettings bad = new GridSettings("test", "../node", "127.0.0.1", 47500, 10, 47100,
                List.of("127.0.0.1:47500"), 128, false, Path.of("x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::validate);
        assertEquals("Invalid configuration novacron.node.id=../node: expected 1-64 letters, digits, '.', '_' or '-'",
                e.getMessage());
    }

    @Test
    void rejectsAnEmptyMemberList() {
        GridSettings bad = new GridSettings("test", "node-1", "127.0.0.1", 47500, 10, 47100,
                List.of(), 128, false, Path.of("x"));
        assertThrows(IllegalArgumentException.class, bad::validate);
    }
}
