package io.novacron.cluster;

import io.novacron.crypto.SignatureScheme;
import io.novacron.crypto.SigningKeyPair;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * This node's signing key pair on disk: {@code node.key} (the raw private key, mode 0600) and {@code node.pub}
 * (the raw public key), both one line {@code <node id> ed25519 <base64>}, in {@code <data dir>/cluster/}.
 * <p>
 * The pair is generated on the first start and kept for the node's life: the other members know the node by
 * its public key. Each file is written to a temporary name and renamed, so a reader (the join step that copies
 * {@code node.pub}) never sees half a file.
 */
public final class NodeKeyFiles {

    public static final String PRIVATE_KEY_FILE = "node.key";
    public static final String PUBLIC_KEY_FILE = "node.pub";
    /** The one scheme node keys use for now. */
    public static final SignatureScheme SCHEME = SignatureScheme.ED25519;

    private NodeKeyFiles() {
    }

    /**
     * Loads this node's key pair from {@code directory}, or generates and writes one if there is none. Rewrites
     * {@code node.pub} when it is missing or does not match the private key.
     *
     * @throws IllegalArgumentException with one line when {@code node.key} is malformed or belongs to another node
     */
    public static SigningKeyPair loadOrCreate(Path directory, String nodeId, SecureRandom random) {
        try {
            Files.createDirectories(directory);
            Path privateFile = directory.resolve(PRIVATE_KEY_FILE);
            SigningKeyPair pair;
            if (Files.exists(privateFile)) {
                KeyLine line = KeyLine.read(privateFile, Ed25519PrivateKeyParameters.KEY_SIZE, "private");
                requireOwner(privateFile, line, nodeId);
                byte[] publicKey = new Ed25519PrivateKeyParameters(line.key(), 0).generatePublicKey().getEncoded();
                pair = new SigningKeyPair(SCHEME, line.key(), publicKey);
            } else {
                pair = SCHEME.generateKeyPair(random);
                writeAtomically(privateFile, new KeyLine(nodeId, pair.privateKey()).format(), true);
            }
            Path publicFile = directory.resolve(PUBLIC_KEY_FILE);
            String publicLine = new KeyLine(nodeId, pair.publicKey()).format();
            if (!Files.exists(publicFile) || !Files.readString(publicFile, StandardCharsets.US_ASCII).equals(publicLine)) {
                writeAtomically(publicFile, publicLine, false);
            }
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write this node's key in " + directory.toAbsolutePath()
                    + ": " + e, e);
        }
    }

    /**
     * Reads a public key file ({@code node.pub} or a copy named {@code <id>.pub}) and checks it holds the key of
     * {@code expectedId}; throws with one line naming the file otherwise.
     */
    public static byte[] readPublicKey(Path file, String expectedId) {
        KeyLine line = KeyLine.read(file, SCHEME.publicKeyBytes(), "public");
        requireOwner(file, line, expectedId);
        return line.key();
    }

    /** Parses the base64 of a raw public key as given in configuration; null when it is not a valid key. */
    static byte[] decodePublicKey(String base64) {
        try {
            byte[] key = Base64.getDecoder().decode(base64.trim());
            return key.length == SCHEME.publicKeyBytes() ? key : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static void requireOwner(Path file, KeyLine line, String expectedId) {
        if (!line.nodeId().equals(expectedId)) {
            throw new IllegalArgumentException("Key file " + file.toAbsolutePath() + " belongs to node '"
                    + line.nodeId() + "', expected '" + expectedId + "'");
        }
    }

    private static void writeAtomically(Path file, String content, boolean secret) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--");
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(mode));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temporary);
        } catch (FileAlreadyExistsException raced) {
            throw new IOException("another process writes " + temporary, raced);
        }
        Files.writeString(temporary, content, StandardCharsets.US_ASCII);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** One key file's line: {@code <node id> ed25519 <base64 of the raw key>}. */
    record KeyLine(String nodeId, byte[] key) {

        String format() {
            return nodeId + " " + SCHEME.name().toLowerCase(Locale.ROOT) + " "
                    + Base64.getEncoder().encodeToString(key) + "\n";
        }

        static KeyLine read(Path file, int keyBytes, String kind) {
            String content;
            try {
                content = Files.readString(file, StandardCharsets.US_ASCII).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read key file " + file.toAbsolutePath() + ": " + e, e);
            }
            String[] fields = content.split("\\s+");
            String expected = "one line '<node id> ed25519 <base64 of the " + keyBytes + "-byte raw " + kind + " key>'";
            if (fields.length != 3 || content.contains("\n") || !fields[1].equals("ed25519")) {
                throw new IllegalArgumentException("Malformed key file " + file.toAbsolutePath() + ": expected "
                        + expected);
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(fields[2]);
            } catch (IllegalArgumentException notBase64) {
                key = new byte[0];
            }
            if (key.length != keyBytes) {
                throw new IllegalArgumentException("Malformed key file " + file.toAbsolutePath() + ": expected "
                        + expected);
            }
            return new KeyLine(fields[0], key);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof KeyLine that && nodeId.equals(that.nodeId) && Arrays.equals(key, that.key);
        }

        @Override
        public int hashCode() {
            return 31 * nodeId.hashCode() + Arrays.hashCode(key);
        }

        @Override
        public String toString() {
            return "KeyLine[" + nodeId + "]";
        }
    }
}
