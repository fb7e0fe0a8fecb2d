package io.novacron.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.netty.NettyConfigKeys;
import org.apache.ratis.netty.NettyFactory;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * Baseline: Apache Ratis 3.3.0, three {@link RaftServer}s in this JVM talking over 127.0.0.1, one
 * {@link RaftClient} sending async writes. Transport: gRPC (Ratis's default, with the streaming
 * {@code GrpcLogAppender}) or Netty ({@code LogAppenderDefault}: one appendEntries outstanding per follower; kept
 * as system {@code ratis-netty} for reference).
 *
 * <p>Commit = the client's async write reply at the default replication level (MAJORITY): the entry was appended
 * to a majority's log (fsynced there under {@link Durability#DISK_FSYNC}) and applied by the leader's state
 * machine.
 *
 * <p>Settings that matter (all set explicitly so that a Ratis default change cannot silently alter the run):
 * <ul>
 *   <li>DISK_FSYNC: segmented log ({@code raft.server.log.use.memory=false});
 *       {@code raft.server.log.unsafe-flush.enabled=false} and {@code raft.server.log.async-flush.enabled=false}
 *       (the flush index, which gates acks and commit, advances only after {@code FileChannel.force});
 *       {@code raft.server.log.force.sync.num=128} (Ratis default: the log worker forces after at most 128
 *       pending entries, or as soon as its queue has no further write, i.e. group commit, never "no fsync").</li>
 *   <li>MEMORY: {@code raft.server.log.use.memory=true} (MemoryRaftLog; only the vote/term metadata file is on
 *       disk).</li>
 *   <li>{@code raft.client.async.outstanding-requests.max} raised from its default of 100 to the workload's
 *       in-flight count; otherwise the client silently caps the closed loop at 100 outstanding writes.</li>
 * </ul>
 */
public final class RatisSystem implements ConsensusSystem {

    /** Ratis transport. */
    public enum Transport { GRPC, NETTY }

    public static final String VERSION = "3.3.0";
    private static final int REPLICAS = 3;
    private static final Duration LEADER_WAIT = Duration.ofSeconds(30);

    private final List<RaftServer> servers = new ArrayList<>();
    private RaftClient client;
    private RaftGroup group;
    private final Transport transport;
    private long startTerm;

    /** Ratis over gRPC, the default transport. */
    public RatisSystem() {
        this(Transport.GRPC);
    }

    public RatisSystem(Transport transport) {
        this.transport = transport;
    }

    @Override
    public String name() {
        return "ratis-" + VERSION + (transport == Transport.GRPC ? "" : "-netty");
    }

    @Override
    public int replicas() {
        return REPLICAS;
    }

    @Override
    public boolean isBaseline() {
        return true;
    }

    @Override
    public void start(Workload workload, Path dataDir) throws Exception {
        List<RaftPeer> peers = new ArrayList<>();
        for (int i = 0; i < REPLICAS; i++) {
            peers.add(RaftPeer.newBuilder()
                .setId("s" + i)
                .setAddress("127.0.0.1:" + freePort())
                .build());
        }
        group = RaftGroup.valueOf(RaftGroupId.valueOf(UUID.randomUUID()), peers);

        for (RaftPeer peer : peers) {
            RaftProperties p = baseProperties(workload);
            if (transport == Transport.GRPC) {
                GrpcConfigKeys.Server.setHost(p, "127.0.0.1");
                GrpcConfigKeys.Server.setPort(p, port(peer));
            } else {
                NettyConfigKeys.Server.setHost(p, "127.0.0.1");
                NettyConfigKeys.Server.setPort(p, port(peer));
            }
            Path dir = Files.createDirectories(dataDir.resolve(peer.getId().toString()));
            RaftServerConfigKeys.setStorageDir(p, List.of(dir.toFile()));
            RaftServer server = RaftServer.newBuilder()
                .setServerId(peer.getId())
                .setGroup(group)
                .setProperties(p)
                .setStateMachine(new CountingStateMachine())
                .setOption(RaftStorage.StartupOption.FORMAT)
                .build();
            servers.add(server);
        }
        for (RaftServer s : servers) {
            s.start();
        }
        RaftPeerId leader = awaitLeader();
        startTerm = maxTerm();

        RaftProperties cp = baseProperties(workload);
        client = RaftClient.newBuilder()
            .setProperties(cp)
            .setRaftGroup(group)
            .setLeaderId(leader)
            .setClientRpc(transport == Transport.GRPC
                ? new GrpcFactory(new Parameters()).newRaftClientRpc(ClientId.randomId(), cp)
                : new NettyFactory(new Parameters()).newRaftClientRpc(ClientId.randomId(), cp))
            .build();
    }

    private RaftProperties baseProperties(Workload workload) {
        RaftProperties p = new RaftProperties();
        RaftConfigKeys.Rpc.setType(p, transport == Transport.GRPC ? SupportedRpcType.GRPC : SupportedRpcType.NETTY);
        boolean memory = workload.durability() == Durability.MEMORY;
        RaftServerConfigKeys.Log.setUseMemory(p, memory);
        if (!memory) {
            RaftServerConfigKeys.Log.setUnsafeFlushEnabled(p, false);
            RaftServerConfigKeys.Log.setAsyncFlushEnabled(p, false);
            RaftServerConfigKeys.Log.setForceSyncNum(p, RaftServerConfigKeys.Log.FORCE_SYNC_NUM_DEFAULT);
        }
        RaftClientConfigKeys.Async.setOutstandingRequestsMax(p,
            Math.max(workload.inFlight(), RaftClientConfigKeys.Async.OUTSTANDING_REQUESTS_MAX_DEFAULT));
        return p;
    }

    private RaftPeerId awaitLeader() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (RaftServer s : servers) {
                RaftServer.Division d = s.getDivision(group.getGroupId());
                if (d.getInfo().isLeader() && d.getInfo().isLeaderReady()) {
                    return s.getId();
                }
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new IOException("no Ratis leader within " + LEADER_WAIT);
    }

    private long maxTerm() throws IOException {
        long term = 0;
        for (RaftServer s : servers) {
            term = Math.max(term, s.getDivision(group.getGroupId()).getInfo().getCurrentTerm());
        }
        return term;
    }

    /** Reports leader elections after the start (they show up as latency spikes, not as errors). */
    @Override
    public String notes() {
        try {
            long term = maxTerm();
            return term == startTerm ? null
                : "Ratis elected a new leader after start-up (term " + startTerm + " -> " + term + ")";
        } catch (IOException e) {
            return "could not read the Ratis term: " + e;
        }
    }

    @Override
    public CompletableFuture<?> submit(byte[] payload) {
        return client.async().send(Message.valueOf(ByteString.copyFrom(payload)))
            .thenApply(RatisSystem::requireSuccess);
    }

    private static RaftClientReply requireSuccess(RaftClientReply reply) {
        if (!reply.isSuccess()) {
            throw new IllegalStateException("Ratis write failed", reply.getException());
        }
        return reply;
    }

    @Override
    public void stop() throws Exception {
        Exception first = null;
        if (client != null) {
            try {
                client.close();
            } catch (Exception e) {
                first = e;
            }
            client = null;
        }
        for (RaftServer s : servers) {
            try {
                s.close();
            } catch (Exception e) {
                if (first == null) first = e; else first.addSuppressed(e);
            }
        }
        servers.clear();
        if (first != null) throw first;
    }

    private static int port(RaftPeer peer) {
        String a = peer.getAddress();
        return Integer.parseInt(a.substring(a.lastIndexOf(':') + 1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** Minimal state machine: counts applied entries, replies with an empty message. */
    static final class CountingStateMachine extends BaseStateMachine {
        private final AtomicLong applied = new AtomicLong();

        @Override
        public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
            LogEntryProto entry = trx.getLogEntry();
            applied.incrementAndGet();
            updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
            return CompletableFuture.completedFuture(Message.EMPTY);
        }

        long applied() {
            return applied.get();
        }
    }
}
