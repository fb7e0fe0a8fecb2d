package io.novacron.security;

import com.ibm.websphere.crypto.PasswordUtil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The administrator's entry in the server's basic registry, kept as a configuration drop-in that Liberty
 * merges into server.xml and reloads on change. Only a salted hash of the password is ever stored there.
 */
final class AdministratorAccount {

    private static final String PASSWORD_ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int GENERATED_PASSWORD_LENGTH = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path registryDropIn;
    private final Path passwordFile;

    AdministratorAccount(Path registryDropIn, Path passwordFile) {
        this.registryDropIn = registryDropIn;
        this.passwordFile = passwordFile;
    }

    Path registryDropIn() {
        return registryDropIn;
    }

    boolean exists() {
        return Files.exists(registryDropIn);
    }

    /** Writes a generated password to the owner-only file and its hash to the registry; returns the file. */
    Path writeGenerated(String user) throws IOException {
        String password = generatePassword();
        writeOwnerOnly(passwordFile, password + System.lineSeparator());
        write(user, password);
        return passwordFile;
    }

    /** Stores the user with the hash of the password in the registry drop-in. */
    void write(String user, String password) throws IOException {
        String hash;
        try {
            hash = PasswordUtil.encode(password, "hash");
        } catch (Exception e) {
            throw new IOException("Liberty could not hash the administrator password: " + e.getMessage(), e);
        }
        writeOwnerOnly(registryDropIn, registryXml(user, hash));
    }

    static String registryXml(String user, String passwordHash) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Written by NovaCron's administrator bootstrap. Holds a salted hash only.
                     Delete this file and restart the server to issue a new generated password. -->
                <server>
                  <basicRegistry id="basic">
                    <user name="%s" password="%s"/>
                    <group id="novacron-admins" name="novacron-admins">
                      <member name="%s"/>
                    </group>
                  </basicRegistry>
                </server>
                """.formatted(user, passwordHash, user);
    }

    static String generatePassword() {
        StringBuilder out = new StringBuilder(GENERATED_PASSWORD_LENGTH);
        for (int i = 0; i < GENERATED_PASSWORD_LENGTH; i++) {
            out.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return out.toString();
    }

    /** Writes through a temporary file and a move, so Liberty never reads half a file. */
    private static void writeOwnerOnly(Path target, String content) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".novacron", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
