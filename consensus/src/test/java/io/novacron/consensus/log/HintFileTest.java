package io.novacron.consensus.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hint comes back as written, or not at all: never as a value nobody wrote. */
class HintFileTest {

    @TempDir
    Path dir;

    @Test
    void noFileIsNoHint() throws IOException {
        assertEquals(OptionalLong.empty(), new HintFile(dir.resolve("h")).read());
    }

    @Test
    void theLastValueWrittenComesBack() throws IOException {
        try (HintFile hint = new HintFile(dir.resolve("h"))) {
            hint.write(7);
            hint.write(1L << 40);
        }
        assertEquals(OptionalLong.of(1L << 40), new HintFile(dir.resolve("h")).read());
    }

    @Test
    void aShortOrDamagedFileIsNoHint() throws IOException {
        Path path = dir.resolve("h");
        try (HintFile hint = new HintFile(path)) {
            hint.write(42);
        }
        byte[] bytes = Files.readAllBytes(path);
        bytes[15] ^= 1;
        Files.write(path, bytes);
        assertEquals(OptionalLong.empty(), new HintFile(path).read(), "a flipped bit fails the checksum");
        Files.write(path, new byte[] {0x4E, 0x43});
        assertEquals(OptionalLong.empty(), new HintFile(path).read(), "a torn write is shorter than a record");
    }
}
