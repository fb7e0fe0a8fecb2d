package io.novacron.cluster;

import io.novacron.crypto.SigningKeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeKeyFilesTest {

    @TempDir
    Path dir;

    @Test
    void theFirstStartWritesThePairAndLaterStartsReadTheSamePair() throws Exception {
        SigningKeyPair first = NodeKeyFiles.loadOrCreate(dir.resolve("cluster"), "node-1", new SecureRandom());
        SigningKeyPair second = NodeKeyFiles.loadOrCreate(dir.resolve("cluster"), "node-1", new SecureRandom());

        assertArrayEquals(first.privateKey(), second.privateKey());
        assertArrayEquals(first.publicKey(), second.publicKey());
        Path privateFile = dir.resolve("cluster/node.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile)));
        String publicLine = Files.readString(dir.resolve("cluster/node.pub"), StandardCharsets.US_ASCII);
        assertEquals("node-1 ed25519 " + Base64.getEncoder().encodeToString(first.publicKey()) + "\n", publicLine);
        assertFalse(Files.exists(dir.resolve("cluster/node.pub.tmp")));
        byte[] signature = second.signer().sign("vote".getBytes(StandardCharsets.UTF_8));
        assertTrue(NodeKeyFiles.SCHEME.verify(first.publicKey(), "vote".getBytes(StandardCharsets.UTF_8), signature));
    }

    @Test
    void aMissingPublicFileIsWrittenAgainFromThePrivateKey() throws Exception {
        SigningKeyPair pair = NodeKeyFiles.loadOrCreate(dir, "node-1", new SecureRandom());
        Files.delete(dir.resolve("node.pub"));

        NodeKeyFiles.loadOrCreate(dir, "node-1", new SecureRandom());

        assertArrayEquals(pair.publicKey(), NodeKeyFiles.readPublicKey(dir.resolve("node.pub"), "node-1"));
    }

    @Test
    void aPrivateKeyOfAnotherNodeFailsWithOneLine() {
        NodeKeyFiles.loadOrCreate(dir, "node-1", new SecureRandom());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NodeKeyFiles.loadOrCreate(dir, "node-2", new SecureRandom()));

        assertEquals("Key file " + dir.resolve("node.key").toAbsolutePath()
                + " belongs to node 'node-1', expected 'node-2'", e.getMessage());
    }

    @Test
    void malformedKeyFilesFailWithOneLine() throws Exception {
        Files.writeString(dir.resolve("node.key"), "node-1 ed25519 not-base64!\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NodeKeyFiles.loadOrCreate(dir, "node-1", new SecureRandom()));
        assertEquals("Malformed key file " + dir.resolve("node.key").toAbsolutePath() + ": expected one line "
                + "'<node id> ed25519 <base64 of the 32-byte raw private key>'", e.getMessage());

        for (String content : new String[] {"", "node-2", "node-2 rsa AAAA", "node-2 ed25519 AAAA",
            "node-2 ed25519 " + Base64.getEncoder().encodeToString(new byte[32]) + " extra"}) {
            Files.writeString(dir.resolve("node-2.pub"), content);
            IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                    () -> NodeKeyFiles.readPublicKey(dir.resolve("node-2.pub"), "node-2"), content);
            assertTrue(malformed.getMessage().startsWith("Malformed key file "), malformed.getMessage());
            assertFalse(malformed.getMessage().contains("\n"));
        }
    }
}
