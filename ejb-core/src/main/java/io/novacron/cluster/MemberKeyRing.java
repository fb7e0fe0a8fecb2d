package io.novacron.cluster;

import io.novacron.crypto.KeyRing;
import io.novacron.crypto.SignatureScheme;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * The members' public keys as far as this node knows them, with verifiers by member id and by replica index.
 * Immutable: {@link ClusterKeys} builds a new ring when keys arrive, so a check never sees keys change under it.
 * <p>
 * Keys come from this node's own pair, from {@code novacron.cluster.member-keys} ({@code id=base64,...}) and from
 * files {@code <id>.pub} in the members' key directory (copies of each member's {@code node.pub}). A member with
 * none of these is {@linkplain #missing() missing}.
 */
public final class MemberKeyRing {

    public static final String MEMBER_KEYS_KEY = "novacron.cluster.member-keys";
    public static final String KEYS_DIR_KEY = "novacron.cluster.keys-dir";

    private final ClusterSettings settings;
    private final Map<String, byte[]> keys;
    private final Map<String, BiPredicate<byte[], byte[]>> verifiers;
    private final List<String> missing;

    private MemberKeyRing(ClusterSettings settings, Map<String, byte[]> keys) {
        this.settings = settings;
        this.keys = Map.copyOf(keys);
        Map<String, BiPredicate<byte[], byte[]>> parsed = new HashMap<>();
        keys.forEach((id, key) -> parsed.put(id, scheme().verifierFor(key)));
        this.verifiers = Map.copyOf(parsed);
        this.missing = settings.memberIds().stream().filter(id -> !keys.containsKey(id)).toList();
    }

    /**
     * Collects the members' keys.
     *
     * @param ownPublicKey this node's public key
     * @param keysDir      directory of {@code <id>.pub} files; need not exist
     * @param configured   the {@code novacron.cluster.member-keys} value, or empty
     * @throws IllegalArgumentException with one line when a configured key or a key file is malformed, belongs to
     *                                  another node, names a non-member, or disagrees with another source
     */
    public static MemberKeyRing collect(ClusterSettings settings, byte[] ownPublicKey, Path keysDir,
                                        Optional<String> configured) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        Map<String, String> sources = new HashMap<>();
        keys.put(settings.nodeId(), ownPublicKey.clone());
        sources.put(settings.nodeId(), "this node's " + NodeKeyFiles.PRIVATE_KEY_FILE);
        configured.filter(value -> !value.isBlank()).ifPresent(value -> {
            for (String entry : value.split(",", -1)) {
                int equals = entry.indexOf('=');
                String id = equals < 0 ? entry.trim() : entry.substring(0, equals).trim();
                byte[] key = equals < 0 ? null : NodeKeyFiles.decodePublicKey(entry.substring(equals + 1));
                if (key == null) {
                    throw ClusterSettings.invalid(MEMBER_KEYS_KEY, "'" + entry.trim() + "'",
                            "entries id=<base64 of a 32-byte Ed25519 public key>, separated by commas");
                }
                if (settings.member(id).isEmpty()) {
                    throw ClusterSettings.invalid(MEMBER_KEYS_KEY, "'" + entry.trim() + "'",
                            "ids listed in " + ClusterSettings.MEMBERS_KEY + " (" + settings.memberIds() + ")");
                }
                add(keys, sources, id, key, MEMBER_KEYS_KEY);
            }
        });
        for (String id : settings.memberIds()) {
            Path file = keysDir.resolve(id + ".pub");
            if (Files.isRegularFile(file)) {
                add(keys, sources, id, NodeKeyFiles.readPublicKey(file, id), file.toAbsolutePath().toString());
            }
        }
        return new MemberKeyRing(settings, keys);
    }

    private static void add(Map<String, byte[]> keys, Map<String, String> sources, String id, byte[] key,
                            String source) {
        byte[] known = keys.get(id);
        if (known != null && !Arrays.equals(known, key)) {
            throw new IllegalArgumentException("Conflicting public keys for member '" + id + "': " + source
                    + " disagrees with " + sources.get(id));
        }
        keys.put(id, key);
        sources.putIfAbsent(id, source);
    }

    public ClusterSettings settings() {
        return settings;
    }

    public SignatureScheme scheme() {
        return NodeKeyFiles.SCHEME;
    }

    /** Ids of members whose public key this node does not have yet, in replica order. */
    public List<String> missing() {
        return missing;
    }

    /** Whether every member's key is known. */
    public boolean complete() {
        return missing.isEmpty();
    }

    /** The member's raw public key, if known. */
    public Optional<byte[]> publicKey(String memberId) {
        return Optional.ofNullable(keys.get(memberId)).map(byte[]::clone);
    }

    /** Whether {@code signature} is a valid signature of {@code message} by the member; false for unknown ids. */
    public boolean verify(String memberId, byte[] message, byte[] signature) {
        BiPredicate<byte[], byte[]> verifier = verifiers.get(memberId);
        return verifier != null && verifier.test(message, signature);
    }

    /** Verifier keyed by Raft id (1..n, the member's position + 1); members without a key fail verification. */
    public KeyRing byRaftId() {
        return ring(1);
    }

    /** Verifier keyed by PBFT replica number (0..n-1, the member's position). */
    public KeyRing byPbftReplica() {
        return ring(0);
    }

    /** Verifier keyed by the replica index of the configured protocol. */
    public KeyRing byReplicaIndex() {
        return settings.protocol() == ClusterProtocol.RAFT ? byRaftId() : byPbftReplica();
    }

    private KeyRing ring(int firstIndex) {
        Map<Long, byte[]> byIndex = new HashMap<>();
        List<String> ids = settings.memberIds();
        for (int i = 0; i < ids.size(); i++) {
            byte[] key = keys.get(ids.get(i));
            if (key != null) {
                byIndex.put((long) i + firstIndex, key);
            }
        }
        return new KeyRing(scheme(), byIndex);
    }

    /** One line for logs and readiness. */
    public String describe() {
        return complete() ? "all " + settings.size() + " member keys present"
                : "missing public keys of " + String.join(", ", new ArrayList<>(missing));
    }
}
