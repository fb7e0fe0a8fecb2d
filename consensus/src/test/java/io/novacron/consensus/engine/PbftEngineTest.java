package io.novacron.consensus.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.novacron.consensus.engine.RaftEngineTest.ListMachine;
import io.novacron.consensus.pbft.PbftConfig;
import io.novacron.crypto.KeyRing;
import io.novacron.crypto.SignatureScheme;
import io.novacron.crypto.SigningKeyPair;

/**
 * Four PBFT engines on disk with real Ed25519 keys, wired together in one thread: commands proposed at any member
 * are applied by all four in one order with a quorum certificate as proof (Castro–Liskov §4.2), and a member
 * restarted from its journal with a fresh state machine ends with the same state (§4.3 checkpoints).
 */
class PbftEngineTest {

    @TempDir
    Path dir;

    private final PbftEngine[] engines = new PbftEngine[4];
    private final ListMachine[] machines = new ListMachine[4];
    private final List<SigningKeyPair> keys = new ArrayList<>();
    private KeyRing ring;
    private long timestampFloor = 1_000;

    @BeforeEach
    void keys() {
        Map<Integer, byte[]> publicKeys = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            SigningKeyPair pair = SignatureScheme.ED25519.generateKeyPair(new SecureRandom());
            keys.add(pair);
            publicKeys.put(i, pair.publicKey());
        }
        ring = new KeyRing(SignatureScheme.ED25519, publicKeys);
    }

    private void open(int member) throws IOException {
        machines[member] = new ListMachine();
        engines[member] = PbftEngine.open(member, PbftConfig.defaultsFor(4), dir.resolve("member-" + member),
                keys.get(member).signer(), ring, machines[member], new SplittableRandom(member), timestampFloor, 64);
    }

    @AfterEach
    void closeAll() throws IOException {
        for (PbftEngine engine : engines) {
            if (engine != null) {
                engine.close();
            }
        }
    }

    private final List<Applied> appliedAtZero = new ArrayList<>();

    private void round() throws IOException {
        List<Frame> sent = new ArrayList<>();
        List<Integer> senders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            if (engines[i] == null) {
                continue;
            }
            engines[i].tick();
            EngineOutput output = engines[i].process();
            if (i == 0) {
                appliedAtZero.addAll(output.applied());
            }
            for (Frame frame : output.frames()) {
                sent.add(frame);
                senders.add(i);
            }
        }
        for (int k = 0; k < sent.size(); k++) {
            PbftEngine to = engines[sent.get(k).member()];
            if (to != null) {
                to.receive(senders.get(k), sent.get(k).payload());
            }
        }
    }

    private void runUntil(BooleanSupplier done, String what) throws IOException {
        for (int r = 0; r < 3_000; r++) {
            if (done.getAsBoolean()) {
                return;
            }
            round();
        }
        throw new AssertionError("not reached within 3,000 rounds: " + what);
    }

    private boolean allApplied(int count) {
        for (ListMachine machine : machines) {
            if (machine == null || machine.commands.size() != count) {
                return false;
            }
        }
        return true;
    }

    @Test
    void commandsFromEveryMemberApplyEverywhereInOneOrderWithACertificate() throws IOException {
        for (int i = 0; i < 4; i++) {
            open(i);
        }
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k < 5; k++) {
                engines[i].propose(("m" + i + "-" + k).getBytes(StandardCharsets.UTF_8));
            }
        }
        runUntil(() -> allApplied(20), "20 commands applied by all four");
        for (int i = 1; i < 4; i++) {
            assertEquals(machines[0].commands, machines[i].commands, "member " + i + " agrees with member 0");
        }
        assertEquals(20, appliedAtZero.size());
        for (int k = 1; k < appliedAtZero.size(); k++) {
            assertTrue(appliedAtZero.get(k).position() > appliedAtZero.get(k - 1).position(), "positions increase");
        }
        io.novacron.crypto.QuorumCertificate certificate =
                io.novacron.crypto.QuorumCertificate.decode(appliedAtZero.get(0).proof());
        Map<Integer, byte[]> publicKeys = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            publicKeys.put(i, keys.get(i).publicKey());
        }
        assertTrue(certificate.verify(publicKeys, 3), "2f+1 commit signatures anyone can check offline");
    }

    @Test
    void aMemberRestartedFromItsJournalEndsWithTheSameState() throws IOException {
        for (int i = 0; i < 4; i++) {
            open(i);
        }
        for (int k = 0; k < 30; k++) {
            engines[k % 4].propose(("c" + k).getBytes(StandardCharsets.UTF_8));
        }
        runUntil(() -> allApplied(30), "30 commands applied by all four");
        engines[2].close();
        timestampFloor = 1_000_000; // the driver's clock moved on
        open(2); // a fresh state machine: the journal's checkpoint and log bring it back
        engines[1].propose("after".getBytes(StandardCharsets.UTF_8));
        runUntil(() -> allApplied(31), "the command after the restart applied by all four, the restarted one too");
        assertEquals(machines[0].commands, machines[2].commands);
    }
}
