package io.novacron.consensus.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.novacron.consensus.engine.PbftEngine;
import io.novacron.consensus.pbft.PbftConfig;
import io.novacron.crypto.KeyRing;
import io.novacron.crypto.QuorumCertificate;
import io.novacron.crypto.SignatureScheme;
import io.novacron.crypto.SigningKeyPair;

/**
 * Four PBFT engines on disk with real Ed25519 keys, one of them faulty through its FaultyOutputs: an equivocating
 * primary, or a member whose every frame is corrupted. The three honest members never apply different commands at a
 * position and keep committing (Castro–Liskov §4.2 safety, §4.4 liveness through a view change), and each fault
 * leaves the evidence the protocol says it should.
 */
class PbftFaultInjectionTest {

    private static final int ROUNDS_MAX = 5_000;

    @TempDir
    Path dir;

    private final List<SigningKeyPair> keys = new ArrayList<>();
    private final EngineCluster cluster = new EngineCluster(4, 2024);
    private final Map<Integer, byte[]> publicKeys = new HashMap<>();

    @BeforeEach
    void open() throws IOException {
        for (int i = 0; i < 4; i++) {
            keys.add(SignatureScheme.ED25519.generateKeyPair(new SecureRandom()));
            publicKeys.put(i, keys.get(i).publicKey());
        }
        KeyRing ring = new KeyRing(SignatureScheme.ED25519, publicKeys);
        for (int i = 0; i < 4; i++) {
            cluster.add(i, PbftEngine.open(i, PbftConfig.defaultsFor(4), dir.resolve("member-" + i),
                    keys.get(i).signer(), ring, cluster.machine(i), new SplittableRandom(i), 1_000, 64));
        }
    }

    @AfterEach
    void close() throws IOException {
        cluster.close();
    }

    private PbftEngine engine(int member) {
        return (PbftEngine) cluster.engine(member);
    }

    /** Proposes {@code perMember} commands at each of {@code members}, named by phase, and returns them. */
    private List<String> propose(String phase, List<Integer> members, int perMember) {
        List<String> commands = new ArrayList<>();
        for (int k = 0; k < perMember; k++) {
            for (int member : members) {
                String command = phase + "-m" + member + "-" + k;
                cluster.propose(member, command);
                commands.add(command);
            }
        }
        return commands;
    }

    @Test
    void anEquivocatingPrimaryNeitherSplitsTheHonestMembersNorStopsThem() throws IOException {
        FaultyOutputs primary = cluster.faulty(0, new FaultPlan(0, 0, 0, 0, 0, true, 5),
                new Equivocator(0, keys.get(0).signer()));
        cluster.uncheck(0);
        List<Integer> honest = List.of(1, 2, 3);

        List<String> first = propose("first", honest, 4);
        cluster.runUntil(() -> cluster.checkedMembersApplied(first), "the first commands at every honest member",
                ROUNDS_MAX);
        assertTrue(primary.counts().equivocatedFrames() > 0, "the primary equivocated: " + primary.counts());
        for (int member : honest) {
            assertTrue(engine(member).status().epoch() > 0, "member " + member + " left view 0 of the equivocating"
                    + " primary: " + engine(member).status());
            assertEquals(0L, engine(member).invalidSignaturesBySender().getOrDefault(0L, 0L),
                    "member " + member + " found the conflict by protocol, not by a bad signature");
        }

        List<String> second = propose("second", honest, 4);
        cluster.runUntil(() -> cluster.checkedMembersApplied(second), "more commands after the view change",
                ROUNDS_MAX);
        cluster.runUntil(() -> cluster.commands(1).equals(cluster.commands(2))
                && cluster.commands(1).equals(cluster.commands(3)), "the honest members' states equal", ROUNDS_MAX);
        assertEquals(24, cluster.commands(1).size(), "every command once: " + cluster.commands(1));
    }

    /**
     * One command at a time, as a server's callers write, with the server's window (K = 32): a single-request batch
     * has a conflicting version (the null request), so the primary deceives one backup while the other three commit.
     * That backup catches up from the others' commit certificate within a fraction of the request timeout, without a
     * view change and without a checkpoint, and keeps the adopted batch across a restart.
     */
    @Test
    void aBackupDeceivedByTheEquivocatingPrimaryCatchesUpWithoutAViewChangeOrACheckpoint() throws IOException {
        PbftConfig serverLike = new PbftConfig(4, 32, 128, 16, 0, 200, 3200, 100).validate();
        EngineCluster quiet = new EngineCluster(4, 77);
        KeyRing ring = new KeyRing(SignatureScheme.ED25519, publicKeys);
        for (int i = 0; i < 4; i++) {
            quiet.add(i, PbftEngine.open(i, serverLike, dir.resolve("quiet-" + i), keys.get(i).signer(), ring,
                    quiet.machine(i), new SplittableRandom(i), 1_000, 128));
        }
        quiet.faulty(0, new FaultPlan(0, 0, 0, 0, 0, true, 5), new Equivocator(0, keys.get(0).signer()));
        quiet.uncheck(0);
        try {
            quiet.propose(1, "first");
            quiet.runUntil(() -> quiet.checkedMembersApplied(List.of("first")), "the first write on all three honest",
                    serverLike.requestTimeoutTicks());
            for (int member = 1; member < 4; member++) {
                assertEquals(0, quiet.engine(member).status().epoch(), "caught up in view 0, no view change");
            }

            int deceived = 2; // the Equivocator's split for sequence 1: (destination + 1) odd
            quiet.crash(deceived);
            quiet.add(deceived, PbftEngine.open(deceived, serverLike, dir.resolve("quiet-" + deceived),
                    keys.get(deceived).signer(), ring, quiet.machine(deceived), new SplittableRandom(9), 2_000, 128));
            quiet.runUntil(() -> quiet.commands(deceived).equals(List.of("first")),
                    "the restarted backup re-applies the batch it adopted", 10);

            List<String> more = new ArrayList<>();
            for (int member = 1; member < 4; member++) {
                for (int k = 0; k < 2; k++) {
                    more.add("more-m" + member + "-" + k);
                    quiet.propose(member, more.get(more.size() - 1));
                }
            }
            quiet.runUntil(() -> quiet.checkedMembersApplied(more), "later writes, through a view change", 20_000);
            quiet.runUntil(() -> quiet.commands(1).equals(quiet.commands(2))
                    && quiet.commands(1).equals(quiet.commands(3)), "the honest members' states equal", 5_000);
            assertEquals(7, quiet.commands(1).size(), "every command once: " + quiet.commands(1));
        } finally {
            quiet.close();
        }
    }

    /**
     * kill -9 of the primary: the others change view and go on; the old primary restarts from its journal in the old
     * view, still believing it is primary. Its probe for the next batch brings back the NEW-VIEW with the batch, so
     * it enters the current view and catches up (in the servers it otherwise stayed in its own view for good).
     */
    @Test
    void aRestartedPrimaryOfAnOlderViewRejoinsTheCurrentViewAndCatchesUp() throws IOException {
        List<String> before = propose("before", List.of(1, 2, 3), 1);
        cluster.runUntil(() -> cluster.checkedMembersApplied(before), "the first commands everywhere", ROUNDS_MAX);

        cluster.crash(0);
        cluster.uncheck(0);
        List<String> during = propose("during", List.of(1, 2, 3), 1);
        cluster.runUntil(() -> cluster.checkedMembersApplied(during), "commands after the primary died", ROUNDS_MAX);
        long view = engine(1).status().epoch();
        assertTrue(view > 0, "the others left view 0: " + engine(1).status());

        KeyRing ring = new KeyRing(SignatureScheme.ED25519, publicKeys);
        cluster.add(0, PbftEngine.open(0, PbftConfig.defaultsFor(4), dir.resolve("member-0"), keys.get(0).signer(),
                ring, cluster.machine(0), new SplittableRandom(40), 5_000, 64));
        assertEquals(0, engine(0).status().epoch(), "it comes back in the view it had");
        List<String> after = propose("after", List.of(1, 2, 3), 1);
        cluster.runUntil(() -> cluster.commands(0).equals(cluster.commands(1))
                && cluster.commands(1).containsAll(after), "the restarted member catches up", ROUNDS_MAX);
        cluster.runUntil(() -> engine(0).status().epoch() == engine(1).status().epoch()
                && !"VIEW_CHANGE".equals(engine(0).status().role()), "the restarted member in the others' view",
                ROUNDS_MAX);
    }

    /**
     * The same restart as a server does it: the old primary's connections are not back when a write reaches it, so
     * its request timer fires and it suspects a primary nobody else uses, alone. It must not run ahead through view
     * after view on its own (Castro–Liskov §4.5.2: the timer for the next view starts only once 2f+1 replicas asked
     * for this one), and once connected it learns the current view from the others and rejoins, with the write.
     * In the servers it once reached view 13 while the others stayed in view 2, and never came back.
     */
    @Test
    void aRestartedPrimaryThatSuspectsAloneBeforeItsLinksAreBackRejoinsTheCurrentView() throws IOException {
        List<String> before = propose("before", List.of(1, 2, 3), 1);
        cluster.runUntil(() -> cluster.checkedMembersApplied(before), "the first commands everywhere", ROUNDS_MAX);
        cluster.crash(0);
        cluster.uncheck(0);
        List<String> during = propose("during", List.of(1, 2, 3), 1);
        cluster.runUntil(() -> cluster.checkedMembersApplied(during), "commands after the primary died", ROUNDS_MAX);
        // A second view change while it is down: the primary of view 1 is cut off until the other two ask for view 2,
        // then it joins them. The restarted member will ask for view 1, which the others have passed.
        cluster.isolate(1);
        List<String> second = propose("second", List.of(2, 3), 1);
        cluster.runUntil(() -> engine(2).status().epoch() == 2 && engine(3).status().epoch() == 2,
                "members 2 and 3 ask for view 2", ROUNDS_MAX);
        cluster.reconnect(1);
        cluster.runUntil(() -> cluster.checkedMembersApplied(second), "commands in view 2", ROUNDS_MAX);
        long view = engine(1).status().epoch();
        assertTrue(view >= 2, "the others passed view 1: " + engine(1).status());

        KeyRing ring = new KeyRing(SignatureScheme.ED25519, publicKeys);
        PbftConfig config = PbftConfig.defaultsFor(4);
        cluster.isolate(0);
        cluster.add(0, PbftEngine.open(0, config, dir.resolve("member-0"), keys.get(0).signer(), ring,
                cluster.machine(0), new SplittableRandom(41), 5_000, 64));
        cluster.propose(0, "through-the-restarted-member");
        int alone = 40 * config.requestTimeoutTicks();
        cluster.tryUntil(() -> false, alone);
        assertTrue(engine(0).status().epoch() <= 1, "alone, it went no further than the view after its own: "
                + engine(0).status());

        cluster.reconnect(0);
        cluster.runUntil(() -> engine(0).status().epoch() == engine(1).status().epoch()
                && !"VIEW_CHANGE".equals(engine(0).status().role()), "the restarted member in the others' view "
                + view, 20 * config.requestTimeoutTicks());
        cluster.runUntil(() -> cluster.commands(1).contains("through-the-restarted-member")
                && cluster.commands(0).equals(cluster.commands(1)), "its write applied and its state caught up",
                ROUNDS_MAX);
    }

    @Test
    void aMemberCorruptingEveryFrameIsOutvotedAndCaughtByItsSignatures() throws IOException {
        FaultyOutputs corrupting = cluster.faulty(3, new FaultPlan(0, 0, 1, 0, 0, false, 9), null);
        cluster.uncheck(3);
        List<Integer> others = List.of(0, 1, 2);

        List<String> commands = new ArrayList<>();
        for (int wave = 0; wave < 6; wave++) { // one bundle per member and wave: several sequences, a checkpoint
            List<String> proposed = propose("wave" + wave, others, 1);
            commands.addAll(proposed);
            cluster.runUntil(() -> cluster.checkedMembersApplied(proposed), "wave of " + proposed, ROUNDS_MAX);
        }
        cluster.runUntil(() -> cluster.commands(0).equals(cluster.commands(1))
                && cluster.commands(0).equals(cluster.commands(2)), "the other three's states equal", ROUNDS_MAX);
        assertEquals(commands.size(), cluster.commands(0).size(), "every command once: " + cluster.commands(0));
        assertTrue(engine(0).status().applied() >= 4, "executed past the first checkpoint (K = 4): "
                + engine(0).status());
        assertTrue(corrupting.counts().corruptedFrames() > 0, corrupting.counts().toString());
        long badSignaturesOfThree = 0;
        for (int member : others) {
            badSignaturesOfThree += engine(member).invalidSignaturesBySender().getOrDefault(3L, 0L);
            for (byte[] proof : cluster.proofs(member)) {
                QuorumCertificate certificate = QuorumCertificate.decode(proof);
                assertTrue(certificate.verify(publicKeys, 3), "member " + member + ": " + certificate);
                assertFalse(certificate.signatures().containsKey(3), "member 3's corrupted commit counted at member "
                        + member + ": " + certificate);
            }
        }
        assertTrue(badSignaturesOfThree > 0, "the others checked some of member 3's frames and rejected them");
    }
}
