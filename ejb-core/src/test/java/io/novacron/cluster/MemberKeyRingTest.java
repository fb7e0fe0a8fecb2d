package io.novacron.cluster;

import io.novacron.crypto.SigningKeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemberKeyRingTest {

    private static final byte[] MESSAGE = "prepare v=0 n=1".getBytes(StandardCharsets.UTF_8);
    private static final ClusterSettings THREE = ClusterSettings.of("node-1",
            Optional.of("node-1=127.0.0.1:7800,node-2=127.0.0.1:7801,node-3=127.0.0.1:7802"), 7800, "raft");

    @TempDir
    Path root;

    private SigningKeyPair node(String id) {
        return NodeKeyFiles.loadOrCreate(root.resolve(id), id, new SecureRandom());
    }

    @Test
    void untilTheJoinStepOnlyThisNodesKeyIsKnown() {
        SigningKeyPair own = node("node-1");

        MemberKeyRing ring = MemberKeyRing.collect(THREE, own.publicKey(), root.resolve("node-1/members"),
                Optional.empty());

        assertEquals(List.of("node-2", "node-3"), ring.missing());
        assertFalse(ring.complete());
        assertEquals("missing public keys of node-2, node-3", ring.describe());
        assertTrue(ring.verify("node-1", MESSAGE, own.signer().sign(MESSAGE)));
    }

    @Test
    void copiedPublicFilesAndConfiguredKeysCompleteTheRing() throws Exception {
        SigningKeyPair own = node("node-1");
        SigningKeyPair two = node("node-2");
        SigningKeyPair three = node("node-3");
        Path members = Files.createDirectories(root.resolve("node-1/members"));
        Files.copy(root.resolve("node-2/node.pub"), members.resolve("node-2.pub"));
        String configured = "node-3=" + Base64.getEncoder().encodeToString(three.publicKey());

        MemberKeyRing ring = MemberKeyRing.collect(THREE, own.publicKey(), members, Optional.of(configured));

        assertTrue(ring.complete());
        assertEquals("all 3 member keys present", ring.describe());
        byte[] byTwo = two.signer().sign(MESSAGE);
        assertTrue(ring.verify("node-2", MESSAGE, byTwo));
        assertFalse(ring.verify("node-3", MESSAGE, byTwo));
        assertFalse(ring.verify("node-9", MESSAGE, byTwo));
        assertTrue(ring.byRaftId().verify(2, MESSAGE, byTwo), "Raft ids are 1..n");
        assertTrue(ring.byPbftReplica().verify(1, MESSAGE, byTwo), "PBFT replicas are 0..n-1");
        assertTrue(ring.byReplicaIndex().verify(2, MESSAGE, byTwo), "the configured protocol is raft");
        assertFalse(ring.byRaftId().verify(1, MESSAGE, byTwo));
        assertArrayEquals(three.publicKey(), ring.publicKey("node-3").orElseThrow());
    }

    @Test
    void aCopiedFileOfTheWrongNodeFailsWithOneLine() throws Exception {
        SigningKeyPair own = node("node-1");
        node("node-3");
        Path members = Files.createDirectories(root.resolve("node-1/members"));
        Files.copy(root.resolve("node-3/node.pub"), members.resolve("node-2.pub"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MemberKeyRing.collect(THREE, own.publicKey(), members, Optional.empty()));

        assertEquals("Key file " + members.resolve("node-2.pub").toAbsolutePath()
                + " belongs to node 'node-3', expected 'node-2'", e.getMessage());
    }

    @Test
    void aCopyOfThisNodesOwnFileMustMatchItsKey() throws Exception {
        SigningKeyPair own = node("node-1");
        Path members = Files.createDirectories(root.resolve("node-1/members"));
        Files.copy(root.resolve("node-1/node.pub"), members.resolve("node-1.pub"));
        assertTrue(MemberKeyRing.collect(THREE, own.publicKey(), members, Optional.empty()).missing()
                .equals(List.of("node-2", "node-3")));

        SigningKeyPair other = NodeKeyFiles.loadOrCreate(root.resolve("elsewhere"), "node-1", new SecureRandom());
        Files.copy(root.resolve("elsewhere/node.pub"), members.resolve("node-1.pub"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MemberKeyRing.collect(THREE, own.publicKey(), members, Optional.empty()));
        assertTrue(e.getMessage().startsWith("Conflicting public keys for member 'node-1': "), e.getMessage());
        assertFalse(other.publicKey().length == 0);
    }

    @Test
    void malformedOrForeignConfiguredKeysFailWithOneLineNamingTheKey() {
        SigningKeyPair own = node("node-1");
        String valid = Base64.getEncoder().encodeToString(node("node-2").publicKey());

        for (String value : new String[] {"node-2", "node-2=AAAA", "node-2=" + valid + ",", "node-9=" + valid}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MemberKeyRing.collect(THREE, own.publicKey(), root.resolve("none"), Optional.of(value)),
                    value);
            assertTrue(e.getMessage().startsWith("Invalid configuration novacron.cluster.member-keys="),
                    e.getMessage());
        }
    }
}
