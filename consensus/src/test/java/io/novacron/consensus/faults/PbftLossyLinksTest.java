package io.novacron.consensus.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.novacron.consensus.engine.EngineStatus;
import io.novacron.consensus.engine.PbftEngine;
import io.novacron.consensus.pbft.PbftConfig;
import io.novacron.crypto.KeyRing;
import io.novacron.crypto.SignatureScheme;
import io.novacron.crypto.SigningKeyPair;

/**
 * Four PBFT engines with the server's timing, an equivocating primary in view 0 and every link losing a tenth of its
 * frames (with up to 30 ms of jitter), written to one command at a time through the honest members, as the servers'
 * callers do. Each write is applied at its own member within the server's write timeout, and the honest members end
 * in one view. Without catch-up a member that lost the commits of one batch fell into a view change of its own,
 * which the others, busy in their view, never joined: it stayed out of the group and every write through it timed
 * out. Seeds are printed; replay one with {@code -Dpbft.lossy.seed=N}.
 */
class PbftLossyLinksTest {

    private static final PbftConfig SERVER_TIMING = new PbftConfig(4, 32, 128, 16, 0, 200, 3200, 100).validate();
    /** The server's write timeout, 10 s, in 10 ms rounds. */
    private static final int WRITE_TIMEOUT_ROUNDS = 1_000;
    private static final int WRITES = 15;

    @TempDir
    Path dir;

    @Test
    void everyWriteAppliesAtItsMemberAndTheHonestMembersEndInOneView() throws IOException {
        List<Long> seeds = new ArrayList<>();
        Long replay = Long.getLong("pbft.lossy.seed");
        if (replay != null) {
            seeds.add(replay);
        } else {
            SplittableRandom seedSource = new SplittableRandom(System.nanoTime());
            for (int i = 0; i < 6; i++) {
                seeds.add(seedSource.nextLong() & Long.MAX_VALUE);
            }
        }
        for (long seed : seeds) {
            run(seed);
        }
    }

    private void run(long seed) throws IOException {
        System.out.println("PbftLossyLinksTest seed=" + seed);
        String context = " (seed " + seed + ", replay with -Dpbft.lossy.seed=" + seed + ")";
        List<SigningKeyPair> keys = new ArrayList<>();
        Map<Integer, byte[]> publicKeys = new HashMap<>();
        SecureRandom keyRandom = new SecureRandom();
        for (int i = 0; i < 4; i++) {
            keys.add(SignatureScheme.ED25519.generateKeyPair(keyRandom));
            publicKeys.put(i, keys.get(i).publicKey());
        }
        KeyRing ring = new KeyRing(SignatureScheme.ED25519, publicKeys);
        EngineCluster cluster = new EngineCluster(4, seed);
        try {
            for (int i = 0; i < 4; i++) {
                cluster.add(i, PbftEngine.open(i, SERVER_TIMING, dir.resolve(seed + "-member-" + i),
                        keys.get(i).signer(), ring, cluster.machine(i), new SplittableRandom(seed + i), 1_000, 128));
                cluster.faulty(i, new FaultPlan(0.1, 0, 0, 0, 30, i == 0, seed * 31 + i),
                        i == 0 ? new Equivocator(0, keys.get(0).signer()) : null);
            }
            cluster.uncheck(0);
            for (int w = 0; w < WRITES; w++) {
                int member = 1 + w % 3;
                String command = "w" + w;
                cluster.propose(member, command);
                cluster.runUntil(() -> cluster.commands(member).contains(command),
                        command + " applied at member " + member + " within the write timeout" + context,
                        WRITE_TIMEOUT_ROUNDS);
            }
            cluster.runUntil(() -> oneView(cluster), "the honest members in one view" + context, 5_000);
            cluster.runUntil(() -> cluster.commands(1).equals(cluster.commands(2))
                    && cluster.commands(1).equals(cluster.commands(3)), "equal states" + context, 5_000);
            assertEquals(WRITES, cluster.commands(1).size(), "every write once: " + cluster.commands(1) + context);
        } finally {
            cluster.close();
        }
    }

    private static boolean oneView(EngineCluster cluster) {
        EngineStatus first = cluster.engine(1).status();
        for (int member = 1; member < 4; member++) {
            EngineStatus status = cluster.engine(member).status();
            if (status.epoch() != first.epoch() || "VIEW_CHANGE".equals(status.role())) {
                return false;
            }
        }
        return true;
    }
}
