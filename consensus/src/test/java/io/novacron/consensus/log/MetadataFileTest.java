package io.novacron.consensus.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic replacement and corruption detection of {@link MetadataFile}. */
class MetadataFileTest {
    @TempDir
    Path dir;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void neverWrittenReadsEmpty() throws IOException {
        assertEquals(Optional.empty(), new MetadataFile(dir.resolve("hard-state")).read());
    }

    @Test
    void theLastWriteWins() throws IOException {
        MetadataFile file = new MetadataFile(dir.resolve("hard-state"));
        for (int term = 1; term <= 20; term++) {
            file.write(utf8("term=" + term));
        }
        assertArrayEquals(utf8("term=20"), file.read().orElseThrow());
        file.write(new byte[0]);
        assertArrayEquals(new byte[0], file.read().orElseThrow());
    }

    @Test
    void aTempFileLeftByACrashBeforeRenameIsIgnoredThenReplaced() throws IOException {
        MetadataFile file = new MetadataFile(dir.resolve("hard-state"));
        file.write(utf8("term=3 vote=2"));
        Path temp = dir.resolve("hard-state" + DurableFiles.TEMP_SUFFIX);
        Files.write(temp, utf8("half-written garbage"));
        assertArrayEquals(utf8("term=3 vote=2"), file.read().orElseThrow());
        file.write(utf8("term=4"));
        assertArrayEquals(utf8("term=4"), file.read().orElseThrow());
        assertFalse(Files.exists(temp));
    }

    @Test
    void aFlippedByteIsReportedWithTheFileName() throws IOException {
        Path path = dir.resolve("hard-state");
        MetadataFile file = new MetadataFile(path);
        file.write(utf8("term=7 vote=1 commit=40"));
        byte[] bytes = Files.readAllBytes(path);
        bytes[bytes.length - 1] ^= 1;
        Files.write(path, bytes);
        CorruptFileException e = assertThrows(CorruptFileException.class, file::read);
        assertTrue(e.getMessage().contains(path.toString()) && e.getMessage().contains("CRC32C"), e.getMessage());
    }

    @Test
    void aShortOrForeignFileIsReported() throws IOException {
        Path path = dir.resolve("hard-state");
        MetadataFile file = new MetadataFile(path);
        Files.write(path, new byte[5]);
        assertThrows(CorruptFileException.class, file::read);
        Files.write(path, new byte[40]);
        CorruptFileException e = assertThrows(CorruptFileException.class, file::read);
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
        file.write(utf8("abc"));
        Files.write(path, java.util.Arrays.copyOf(Files.readAllBytes(path), MetadataFile.HEADER_BYTES + 2));
        e = assertThrows(CorruptFileException.class, file::read);
        assertTrue(e.getMessage().contains("content length 3"), e.getMessage());
    }

    @Test
    void deleteRemovesTheFileAndAnyTemp() throws IOException {
        MetadataFile file = new MetadataFile(dir.resolve("m"));
        file.write(utf8("x"));
        Files.write(dir.resolve("m" + DurableFiles.TEMP_SUFFIX), utf8("y"));
        file.delete();
        assertEquals(Optional.empty(), file.read());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }
}
