package io.novacron.security;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdministratorAccountTest {

    @Test
    void generatedPasswordsAreLongUnambiguousAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String password = AdministratorAccount.generatePassword();
            assertEquals(24, password.length());
            assertTrue(password.matches("[A-HJ-NP-Za-km-z2-9]+"), password);
            seen.add(password);
        }
        assertEquals(200, seen.size());
    }

    @Test
    void theRegistryDropInHoldsTheHashAndAdminGroupOnly() {
        String xml = AdministratorAccount.registryXml("admin", "{hash}ABC=");
        assertTrue(xml.contains("<user name=\"admin\" password=\"{hash}ABC=\"/>"), xml);
        assertTrue(xml.contains("<group id=\"novacron-admins\" name=\"novacron-admins\">"), xml);
        assertTrue(xml.contains("<basicRegistry id=\"basic\">"), xml);
        assertFalse(xml.contains("{xor}"), xml);
    }
}
