package io.novacron.consensus.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.novacron.consensus.engine.RaftEngineTest.ListMachine;
import io.novacron.consensus.raft.RaftConfig;

/** Three Raft engines, each on its own driver thread with real time: what a server runs, minus the sockets. */
class EngineDriverTest {

    @TempDir
    Path dir;

    @Test
    void threeDriversAgreeOnCommandsProposedFromEveryMember() throws Exception {
        int members = 3;
        int perMember = 50;
        RaftConfig timing = new RaftConfig(1, Set.of(1), Set.of(), 50, 5, 64, 1 << 20, 8, true, true);
        EngineDriver[] drivers = new EngineDriver[members];
        ConsensusEngine[] engines = new ConsensusEngine[members];
        List<List<String>> applied = new ArrayList<>();
        CountDownLatch allApplied = new CountDownLatch(members * members * perMember);
        for (int m = 0; m < members; m++) {
            List<String> mine = java.util.Collections.synchronizedList(new ArrayList<>());
            applied.add(mine);
            engines[m] = RaftEngine.open(m, members, timing, dir.resolve("m" + m), new ListMachine(),
                    new SplittableRandom(m), 1_000);
        }
        for (int m = 0; m < members; m++) {
            List<String> mine = applied.get(m);
            int self = m;
            drivers[m] = new EngineDriver(engines[m], new EngineDriver.Outputs() {
                @Override
                public void send(List<Frame> frames) {
                    frames.forEach(frame -> drivers[frame.member()].receive(self, frame.payload()));
                }

                @Override
                public void applied(Applied applied) {
                    mine.add(new String(applied.command(), StandardCharsets.UTF_8));
                    allApplied.countDown();
                }

                @Override
                public void refused(byte[] command) {
                    throw new AssertionError("refused " + new String(command, StandardCharsets.UTF_8));
                }

                @Override
                public void failed(IOException cause) {
                    throw new AssertionError(cause);
                }
            }, 1_000_000);
        }
        List<Thread> threads = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            Thread thread = new Thread(drivers[m], "driver-" + m);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        try {
            for (int k = 0; k < perMember; k++) {
                for (int m = 0; m < members; m++) {
                    drivers[m].propose(("m" + m + "-" + k).getBytes(StandardCharsets.UTF_8));
                }
            }
            assertTrue(allApplied.await(60, TimeUnit.SECONDS), "every command applied on every member in 60 s");
            assertEquals(applied.get(0), applied.get(1));
            assertEquals(applied.get(0), applied.get(2));
            assertEquals(members * perMember, applied.get(0).size());
            assertTrue(drivers[0].status().leader() >= 0, "a leader is known");
        } finally {
            for (EngineDriver driver : drivers) {
                driver.stop();
            }
            for (Thread thread : threads) {
                thread.join(5_000);
            }
            for (ConsensusEngine engine : engines) {
                engine.close();
            }
        }
    }
}
