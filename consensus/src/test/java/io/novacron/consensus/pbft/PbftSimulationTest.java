package io.novacron.consensus.pbft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.novacron.consensus.pbft.PbftMessage.PrePrepare;
import io.novacron.crypto.Signer;

/**
 * Seeded randomized run (TigerBeetle style): random drops, bounded reordering, n = 4 or 7 and f faulty replicas
 * (crashed at a random tick, an equivocating primary, a replica whose signatures are all invalid, a replica sending
 * validly signed lies, or a replica partitioned away and healed later, which must catch up by state transfer), with the safety checker after every tick. Replay one seed with
 * {@code -DargLine=-Dpbft.seed=N}; widen the search with {@code -DargLine=-Dpbft.seeds=2000}.
 */
class PbftSimulationTest {

    private static final int SEEDS = 60;
    private static final int TICKS = 800;
    private static final int CLIENTS = 3;
    private static final int REQUESTS_PER_CLIENT = 30;
    /** Bound on ticks after healing; view-change timeouts are capped at 320 ticks, so a few rounds fit. */
    private static final int LIVENESS_TICKS_MAX = 3000;

    @Test
    void noTwoCorrectReplicasExecuteDifferentBatchesAtOneSequence() {
        String replay = System.getProperty("pbft.seed");
        List<Long> seeds = new ArrayList<>();
        if (replay != null) {
            seeds.add(Long.parseLong(replay));
        } else {
            SplittableRandom seedSource = new SplittableRandom(20261123L);
            for (int i = 0; i < Integer.getInteger("pbft.seeds", SEEDS); i++) {
                seeds.add(seedSource.nextLong() & Long.MAX_VALUE);
            }
        }
        for (long seed : seeds) {
            run(seed);
        }
    }

    private static String lastTrace = "";

    private static boolean allSubmittedAndDone(TestNetwork net, long[] submitted) {
        for (int c = 0; c < CLIENTS; c++) {
            if (submitted[c] < REQUESTS_PER_CLIENT || net.client(c).outstandingCount() > 0) {
                return false;
            }
        }
        return true;
    }

    private enum Fault { CRASH, EQUIVOCATING_PRIMARY, FORGING_REPLICA, LYING_REPLICA, PARTITIONED_THEN_HEALED }

    private static void run(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = random.nextBoolean() ? 4 : 7;
        PbftConfig config = new PbftConfig(n, 4, 8, 1 + random.nextInt(4), random.nextInt(3), 20, 320, 30);
        int f = config.faultsTolerated();
        // f faulty replicas, each with its own fault; an equivocating primary is always replica 0.
        Map<Integer, Fault> faults = new HashMap<>();
        while (faults.size() < f) {
            Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
            int victim = fault == Fault.EQUIVOCATING_PRIMARY ? 0 : random.nextInt(n);
            faults.putIfAbsent(victim, fault);
        }
        int faultTick = random.nextInt(TICKS / 2);
        FakeKeys replicaKeys = new FakeKeys("replica");
        Map<Integer, Signer> signers = new HashMap<>();
        for (int i = 0; i < n; i++) {
            signers.put(i, faults.get(i) == Fault.FORGING_REPLICA ? new FakeKeys("forger").signer(i)
                    : replicaKeys.signer(i));
        }
        TestNetwork net = new TestNetwork(config, replicaKeys, new FakeKeys("client"), signers, seed);
        net.shuffled = true;
        double dropProbability = random.nextDouble() * 0.08;
        SplittableRandom dropRandom = random.split();
        net.drop = e -> dropRandom.nextDouble() < dropProbability;
        faults.forEach((victim, fault) -> {
            if (fault == Fault.EQUIVOCATING_PRIMARY || fault == Fault.FORGING_REPLICA || fault == Fault.LYING_REPLICA) {
                net.byzantine.add(victim);
            }
        });
        SplittableRandom liar = random.split();
        net.interceptor = e -> {
            Fault fault = faults.get((int) e.from());
            if (fault == Fault.LYING_REPLICA) {
                return List.of(lie(net, liar, e));
            }
            return fault == Fault.EQUIVOCATING_PRIMARY ? equivocatingPrimary(net, liar, e) : List.of(e);
        };
        String context = "seed=" + seed + " (reproduce with -DargLine=-Dpbft.seed=" + seed + "), faults " + faults
                + " from tick " + faultTick + ", drop " + String.format("%.3f", dropProbability) + ", " + config;
        long[] submitted = new long[CLIENTS];
        for (int tick = 0; tick < TICKS; tick++) {
            for (Map.Entry<Integer, Fault> entry : faults.entrySet()) {
                if (tick == faultTick && entry.getValue() == Fault.CRASH) {
                    net.crashed.add(entry.getKey());
                } else if (tick == faultTick && entry.getValue() == Fault.PARTITIONED_THEN_HEALED) {
                    net.isolated.add(entry.getKey());
                } else if (tick == faultTick + TICKS / 4 && entry.getValue() == Fault.PARTITIONED_THEN_HEALED) {
                    net.isolated.remove(entry.getKey());
                }
            }
            for (int c = 0; c < CLIENTS; c++) {
                PbftClient client = net.client(c);
                if (client.outstandingCount() == 0 && submitted[c] < REQUESTS_PER_CLIENT) {
                    client.submit(("c" + c + "-" + submitted[c]++).getBytes(StandardCharsets.UTF_8));
                }
            }
            net.tick(1);
            net.assertAgreement(context + ", tick " + tick);
            if (Boolean.getBoolean("pbft.trace")) {
                String now = net.statuses().stream().map(st -> st.replicaId() + ":v" + st.view()
                        + (st.viewChangeInProgress() ? "*" : "") + " e" + st.lastExecutedSeq() + " h"
                        + st.lowWatermarkSeq()).toList().toString();
                if (!now.equals(lastTrace)) {
                    System.out.println("tick " + tick + " " + now);
                    lastTrace = now;
                }
            }
        }
        // Liveness is "eventually": stop dropping and heal partitions (crashed and Byzantine replicas stay as they
        // are), then every request must complete within a bounded number of ticks.
        net.drop = e -> false;
        net.isolated.clear();
        for (int tick = 0; tick < LIVENESS_TICKS_MAX && !allSubmittedAndDone(net, submitted); tick++) {
            for (int c = 0; c < CLIENTS; c++) {
                PbftClient client = net.client(c);
                if (client.outstandingCount() == 0 && submitted[c] < REQUESTS_PER_CLIENT) {
                    client.submit(("c" + c + "-" + submitted[c]++).getBytes(StandardCharsets.UTF_8));
                }
            }
            net.tick(1);
            net.assertAgreement(context + ", healed tick " + tick);
        }
        long completed = net.results.values().stream().mapToLong(List::size).sum();
        if (Boolean.getBoolean("pbft.verbose")) {
            System.out.println(context + ": " + completed + " requests completed, statuses " + net.statuses());
        }
        // With at most f faults and retransmission, every request eventually completes.
        assertEquals((long) CLIENTS * REQUESTS_PER_CLIENT, completed, context + ": requests completed");
    }

    /** Validly signed lies: votes for random digests, wrong checkpoint digests, wrong results. */
    private static TestNetwork.Envelope lie(TestNetwork net, SplittableRandom liar, TestNetwork.Envelope envelope) {
        PbftMessage message = envelope.message();
        byte[] junk = new byte[32];
        liar.nextBytes(junk);
        PbftMessage lie;
        if (message instanceof PbftMessage.Prepare) {
            PbftMessage.Prepare p = (PbftMessage.Prepare) message;
            lie = new PbftMessage.Prepare(p.sender(), p.view(), p.sequence(), junk, new byte[0]);
        } else if (message instanceof PbftMessage.Commit) {
            PbftMessage.Commit c = (PbftMessage.Commit) message;
            lie = new PbftMessage.Commit(c.sender(), c.view(), c.sequence(), junk, new byte[0]);
        } else if (message instanceof PbftMessage.Checkpoint) {
            PbftMessage.Checkpoint c = (PbftMessage.Checkpoint) message;
            lie = new PbftMessage.Checkpoint(c.sender(), c.sequence(), junk, new byte[0]);
        } else if (message instanceof PbftMessage.Reply) {
            PbftMessage.Reply r = (PbftMessage.Reply) message;
            lie = new PbftMessage.Reply(r.sender(), r.view(), r.clientId(), r.timestamp(), junk, new byte[0]);
        } else {
            return envelope;
        }
        int sender = (int) message.senderId();
        lie = lie.withSignature(net.replicaSigners.get(sender).sign(PbftMessageCodec.signedBytes(lie)));
        return new TestNetwork.Envelope(envelope.from(), envelope.to(), lie);
    }

    /** Sends a different, validly signed batch to each backup whenever replica 0 is the primary. */
    private static List<TestNetwork.Envelope> equivocatingPrimary(TestNetwork net, SplittableRandom liar,
                                                                  TestNetwork.Envelope envelope) {
        if (!(envelope.message() instanceof PrePrepare) || liar.nextInt(3) == 0) {
            return List.of(envelope);
        }
        PrePrepare pp = (PrePrepare) envelope.message();
        List<TestNetwork.Envelope> out = new ArrayList<>();
        for (int backup = 1; backup < net.replicas.length; backup++) {
            List<ClientRequest> batch = new ArrayList<>(pp.requests());
            if (backup % 3 == 2 && !batch.isEmpty()) {
                batch.remove(batch.size() - 1);
            } else if (backup % 3 == 0) {
                batch.addAll(pp.requests());
            }
            PrePrepare variant = new PrePrepare(0, pp.view(), pp.sequence(), PrePrepare.digestOf(batch), batch,
                    new byte[0]);
            variant = variant.withSignature(net.replicaSigners.get(0).sign(PbftMessageCodec.signedBytes(variant)));
            out.add(new TestNetwork.Envelope(0, Destination.replica(backup), variant));
        }
        return out;
    }
}
