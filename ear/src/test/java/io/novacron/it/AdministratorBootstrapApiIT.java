package io.novacron.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first administrator: the registry holds only a hash; a generated password is handed over once in an
 * owner-only file; the bootstrap is audited. The H2 pass configures the password, the PostgreSQL pass lets
 * the server generate it.
 */
class AdministratorBootstrapApiIT {

    private final NovaCronServer server = NovaCronServer.shared();

    @Test
    void theRegistryHoldsAHashNeverThePassword() throws IOException {
        String dropIn = Files.readString(server.serverDirectory().resolve("configDropins/overrides/novacron-admin.xml"));
        assertTrue(dropIn.contains("password=\"{hash}"), dropIn);
        assertFalse(dropIn.contains(server.password(TestUser.ADMIN)), "the drop-in must not contain the password");
    }

    @Test
    void aGeneratedPasswordIsHandedOverInAnOwnerOnlyFile() throws IOException {
        Path file = server.dataDirectory().resolve("initial-admin-password");
        if (server.generatedAdminPassword()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals(server.password(TestUser.ADMIN), Files.readString(file).trim());
        } else {
            assertFalse(Files.exists(file), "a configured password is never written out");
        }
    }

    @Test
    void theBootstrapIsAudited() {
        JsonObject record = ApiClient.as(TestUser.AUDITOR)
                .get("/api/v1/audit?action=security.admin-bootstrap").object()
                .getJsonArray("items").getJsonObject(0);
        assertEquals("system", record.getString("actor"));
        assertEquals("admin", record.getString("targetId"));
        assertTrue(record.getString("detail").startsWith(server.generatedAdminPassword()
                ? "generated password" : "password from configuration"), record::toString);
    }
}
