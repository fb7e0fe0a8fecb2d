package io.novacron.bench;

import io.novacron.consensus.log.LogConfig;
import io.novacron.consensus.log.LogStore;
import io.novacron.consensus.log.MemoryLogStore;
import io.novacron.consensus.log.SegmentedFileLog;
import io.novacron.consensus.pbft.BundlingClient;
import io.novacron.consensus.pbft.Destination;
import io.novacron.consensus.pbft.Outbound;
import io.novacron.consensus.pbft.PbftClient;
import io.novacron.consensus.pbft.PbftConfig;
import io.novacron.consensus.pbft.PbftJournal;
import io.novacron.consensus.pbft.PbftReplica;
import io.novacron.consensus.pbft.PbftStatus;
import io.novacron.crypto.KeyRing;
import io.novacron.crypto.SignatureScheme;
import io.novacron.crypto.SignatureVerifier;
import io.novacron.crypto.Signer;
import io.novacron.crypto.SigningKeyPair;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * NovaCron's PBFT core: four replicas (f = 1) and the clients, each replica on its own driver thread with its own
 * durable log (segmented files with fsync, or the in-memory log), the clients on one more thread, all sharing the
 * machine's cores. Messages pass between threads encoded, so each receiver decodes, hashes and verifies what it
 * gets; every message is signed with Ed25519 (or the scheme named by {@code -Dnovacron.bench.pbft.scheme}).
 * Proposals are bundled per client (one outstanding request per client, Castro–Liskov §4.1); the number of clients
 * is {@code -Dnovacron.bench.pbft.clients} (default 1: one proposer, whose bundles grow with the commands in flight).
 */
public final class NovaPbftSystem implements ConsensusSystem {

    private static final int REPLICAS = 4;
    private static final long FIRST_CLIENT_ID = 1_000;
    private static final int BUNDLE_COMMANDS_MAX = 1_024;
    private static final int BUNDLE_BYTES_MAX = 1 << 20;

    private final List<PbftReplicaLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<LogStore> logs = new ArrayList<>();
    private final LongAdder verifications = new LongAdder();
    private final LongAdder signatures = new LongAdder();
    private PbftClientLoop clientLoop;

    @Override
    public String name() {
        return "novacron-pbft";
    }

    @Override
    public int replicas() {
        return REPLICAS;
    }

    @Override
    public void start(Workload workload, Path dataDir) throws Exception {
        SignatureScheme scheme = SignatureScheme.valueOf(System.getProperty("novacron.bench.pbft.scheme", "ED25519"));
        int clientCount = Integer.getInteger("novacron.bench.pbft.clients", 1);
        SecureRandom keyRandom = new SecureRandom();
        Map<Integer, byte[]> replicaKeys = new HashMap<>();
        List<SigningKeyPair> replicaPairs = new ArrayList<>();
        for (int id = 0; id < REPLICAS; id++) {
            SigningKeyPair pair = scheme.generateKeyPair(keyRandom);
            replicaPairs.add(pair);
            replicaKeys.put(id, pair.publicKey());
        }
        Map<Long, byte[]> clientKeys = new HashMap<>();
        List<SigningKeyPair> clientPairs = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            SigningKeyPair pair = scheme.generateKeyPair(keyRandom);
            clientPairs.add(pair);
            clientKeys.put(FIRST_CLIENT_ID + i, pair.publicKey());
        }
        KeyRing replicaKeyRing = new KeyRing(scheme, replicaKeys);
        KeyRing clientKeyRing = new KeyRing(scheme, clientKeys);
        SignatureVerifier replicaRing = counting(replicaKeyRing);
        SignatureVerifier clientRing = counting(clientKeyRing);
        // 1 ms ticks: checkpoints every 32 batches, a 2 s request timeout before a view change.
        int batchWaitTicks = Integer.getInteger("novacron.bench.pbft.batch-wait", 1);
        PbftConfig config = new PbftConfig(REPLICAS, 32, 128, 16, batchWaitTicks, 2_000, 16_000, 1_000).validate();
        SplittableRandom seeds = new SplittableRandom(42);
        for (int id = 0; id < REPLICAS; id++) {
            Path dir = Files.createDirectories(dataDir.resolve("replica-" + id));
            LogStore log = workload.durability() == Durability.MEMORY ? new MemoryLogStore()
                    : SegmentedFileLog.open(dir.resolve("log"), LogConfig.defaults());
            logs.add(log);
            PbftReplica replica = new PbftReplica(id, config, counting(replicaPairs.get(id).signer()), replicaRing,
                    clientRing, seeds.split());
            loops.add(new PbftReplicaLoop(id, replica, PbftJournal.open(log), this::route));
        }
        List<BundlingClient> clients = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            clients.add(new BundlingClient(new PbftClient(FIRST_CLIENT_ID + i, 0, config,
                    counting(clientPairs.get(i).signer()),
                    replicaRing), BUNDLE_COMMANDS_MAX, BUNDLE_BYTES_MAX));
        }
        clientLoop = new PbftClientLoop(clients, (out, encoded) -> route(-1, out, encoded));
        for (int i = 0; i < REPLICAS; i++) {
            startThread(loops.get(i), "pbft-replica-" + i);
        }
        startThread(clientLoop, "pbft-clients");
    }

    private SignatureVerifier counting(SignatureVerifier verifier) {
        return (signer, message, signature) -> {
            verifications.increment();
            return verifier.verify(signer, message, signature);
        };
    }

    private Signer counting(Signer signer) {
        return new Signer() {
            @Override
            public byte[] sign(byte[] message) {
                signatures.increment();
                return signer.sign(message);
            }

            @Override
            public SignatureScheme scheme() {
                return signer.scheme();
            }
        };
    }

    private void startThread(Runnable loop, String name) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    /** Delivers one encoded message; {@code from} is a replica id or -1 for the clients. */
    private void route(int from, Outbound out, byte[] encoded) {
        Destination to = out.to();
        switch (to.kind()) {
            case ALL_REPLICAS -> {
                for (int id = 0; id < REPLICAS; id++) {
                    if (id != from) {
                        loops.get(id).deliver(encoded);
                    }
                }
            }
            case REPLICA -> loops.get((int) to.id()).deliver(encoded);
            case CLIENT -> clientLoop.deliver(encoded);
        }
    }

    @Override
    public CompletableFuture<?> submit(byte[] payload) {
        return clientLoop.propose(payload);
    }

    @Override
    public String notes() {
        List<String> notes = new ArrayList<>();
        long view = 0;
        long invalid = 0;
        long malformed = clientLoop.malformedReplies();
        for (PbftReplicaLoop loop : loops) {
            PbftStatus status = loop.status();
            view = Math.max(view, status.view());
            invalid += status.invalidSignaturesBySender().values().stream().mapToLong(Long::longValue).sum()
                    + status.invalidClientSignatures();
            malformed += loop.malformedInbound();
        }
        long batches = loops.get(0).status().lastExecutedSeq();
        if (batches > 0) {
            notes.add(String.format(java.util.Locale.ROOT, "whole run: %d batches, %.1f commands, %.1f verifications"
                    + " and %.1f signatures per batch", batches, (double) clientLoop.commandsCompleted() / batches,
                    (double) verifications.sum() / batches, (double) signatures.sum() / batches));
        }
        if (view > 0) {
            notes.add("view changed: 0 -> " + view);
        }
        if (invalid > 0 || malformed > 0) {
            notes.add(invalid + " invalid signatures, " + malformed + " malformed messages");
        }
        return notes.isEmpty() ? null : String.join("; ", notes);
    }

    @Override
    public void stop() throws Exception {
        loops.forEach(PbftReplicaLoop::stop);
        if (clientLoop != null) {
            clientLoop.stop();
        }
        for (Thread thread : threads) {
            thread.join(5_000);
        }
        for (LogStore log : logs) {
            log.close();
        }
    }
}
