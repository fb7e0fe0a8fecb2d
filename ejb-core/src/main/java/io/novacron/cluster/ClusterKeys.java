package io.novacron.cluster;

import io.novacron.crypto.KeyRing;
import io.novacron.crypto.SignatureScheme;
import io.novacron.crypto.Signer;
import io.novacron.crypto.SigningKeyPair;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * This node's signing key and the members' public keys.
 * <p>
 * On the first start the node generates its Ed25519 pair in {@code <data dir>/cluster/} ({@link NodeKeyFiles}).
 * Members' keys come from {@code novacron.cluster.member-keys} and from {@code <id>.pub} files in
 * {@code novacron.cluster.keys-dir}. While some are missing the node runs and says so (readiness check
 * {@code cluster-keys}); {@link #ring()} looks for them again, at most once a second, so keys copied in later are
 * picked up without a restart. A malformed key or one for the wrong node fails the start with one line; found
 * later, it is reported by {@link #problem()} and readiness instead.
 */
@Singleton
@Startup
@DependsOn("ClusterConfiguration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ClusterKeys {

    private static final Logger LOG = Logger.getLogger(ClusterKeys.class.getName());
    private static final long RECHECK_INTERVAL_NANOS = 1_000_000_000L;

    @EJB
    ClusterConfiguration configuration;
    @Inject
    @ConfigProperty(name = "novacron.data.dir", defaultValue = "novacron-data")
    String dataDir;
    @Inject
    @ConfigProperty(name = MemberKeyRing.KEYS_DIR_KEY)
    Optional<String> keysDir;
    @Inject
    @ConfigProperty(name = MemberKeyRing.MEMBER_KEYS_KEY)
    Optional<String> memberKeys;

    private SigningKeyPair pair;
    private Signer signer;
    private Path membersDirectory;
    private volatile MemberKeyRing ring;
    private volatile String problem;
    private long lastCheckNanos;

    @PostConstruct
    void start() {
        ClusterSettings settings = configuration.settings();
        Path clusterDirectory = Path.of(dataDir, "cluster");
        membersDirectory = keysDir.filter(dir -> !dir.isBlank()).map(Path::of)
                .orElse(clusterDirectory.resolve("members"));
        try {
            pair = NodeKeyFiles.loadOrCreate(clusterDirectory, settings.nodeId(), new SecureRandom());
            signer = pair.signer();
            ring = MemberKeyRing.collect(settings, pair.publicKey(), membersDirectory, memberKeys);
        } catch (IllegalArgumentException e) {
            LOG.severe(e.getMessage());
            throw e;
        }
        lastCheckNanos = System.nanoTime();
        if (ring.complete()) {
            LOG.info(() -> "NovaCron cluster keys: " + ring.describe());
        } else {
            LOG.warning(() -> "NovaCron cluster keys incomplete: " + ring.describe() + ". Copy each member's "
                    + clusterDirectory.toAbsolutePath().resolve(NodeKeyFiles.PUBLIC_KEY_FILE) + " to "
                    + membersDirectory.toAbsolutePath() + "/<id>.pub, or set " + MemberKeyRing.MEMBER_KEYS_KEY);
        }
    }

    public String nodeId() {
        return configuration.settings().nodeId();
    }

    /** Signs with this node's private key. */
    public Signer signer() {
        return signer;
    }

    public SignatureScheme scheme() {
        return pair.scheme();
    }

    /** This node's raw public key. */
    public byte[] publicKey() {
        return pair.publicKey().clone();
    }

    /** Where members' {@code <id>.pub} files are read from. */
    public Path membersDirectory() {
        return membersDirectory;
    }

    /**
     * The members' keys as known now. While some are missing, looks for them again (at most once a second);
     * once complete the ring no longer changes until restart.
     */
    public MemberKeyRing ring() {
        MemberKeyRing current = ring;
        if (current.complete() && problem == null) {
            return current;
        }
        synchronized (this) {
            long now = System.nanoTime();
            if (now - lastCheckNanos >= RECHECK_INTERVAL_NANOS) {
                lastCheckNanos = now;
                recheck();
            }
            return ring;
        }
    }

    /** Ids of members whose key is still missing, after a re-check. */
    public List<String> missingMembers() {
        return ring().missing();
    }

    /** Verifier keyed by the configured protocol's replica index (Raft 1..n, PBFT 0..n-1). */
    public KeyRing keyRing() {
        return ring().byReplicaIndex();
    }

    /** Why the last re-check could not use the keys on disk or in configuration (malformed, wrong node), or empty. */
    public Optional<String> problem() {
        ring();
        return Optional.ofNullable(problem);
    }

    private void recheck() {
        MemberKeyRing before = ring;
        try {
            MemberKeyRing after = MemberKeyRing.collect(configuration.settings(), pair.publicKey(), membersDirectory,
                    memberKeys);
            if (problem != null) {
                LOG.info("NovaCron cluster keys readable again");
                problem = null;
            }
            ring = after;
            if (!after.missing().equals(before.missing())) {
                LOG.info(() -> "NovaCron cluster keys: " + after.describe());
            }
        } catch (RuntimeException e) {
            if (!e.getMessage().equals(problem)) {
                LOG.severe(e.getMessage());
            }
            problem = e.getMessage();
        }
    }
}
