package io.novacron.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointTest {

    @TempDir
    Path dir;

    @Test
    void basicHeaderIsRfc7617() {
        // The example of RFC 7617 §2.
        Endpoint e = Endpoint.basic(URI.create("http://localhost:9080"), "Aladdin", "open sesame");
        assertEquals("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", e.authorization());
        assertEquals(URI.create("http://localhost:9080/api/v1/hosts"), e.resolve("/api/v1/hosts"));
        assertFalse(e.toString().contains("QWxh"), "the credentials stay out of messages");
    }

    @Test
    void onePasswordServesEveryUrlAndOnePerUrlPairsInOrder() {
        List<URI> urls = List.of(URI.create("http://localhost:1"), URI.create("http://localhost:2"));
        List<Endpoint> shared = Endpoint.of(urls, "admin", List.of("pw"));
        assertEquals(shared.get(0).authorization(), shared.get(1).authorization());
        List<Endpoint> own = Endpoint.of(urls, "admin", List.of("a", "b"));
        assertEquals(Endpoint.basic(urls.get(1), "admin", "b"), own.get(1));
    }

    @Test
    void passwordFilesLoseTheirTrailingNewlineOnly() throws Exception {
        Path a = Files.writeString(dir.resolve("a"), " p w \n");
        Path b = Files.writeString(dir.resolve("b"), "second\r\n");
        List<String> passwords = Endpoint.passwords(new LoadOptions.PasswordSource.Files(List.of(a, b)), k -> null);
        assertEquals(List.of(" p w ", "second"), passwords);
    }

    @Test
    void unreadablePasswordsFailWithOneLineNamingTheSource() throws Exception {
        Path missing = dir.resolve("nope");
        LoadFailure e = assertThrows(LoadFailure.class,
            () -> Endpoint.passwords(new LoadOptions.PasswordSource.Files(List.of(missing)), k -> null));
        assertEquals("password file " + missing + " does not exist", e.getMessage());

        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        e = assertThrows(LoadFailure.class,
            () -> Endpoint.passwords(new LoadOptions.PasswordSource.Files(List.of(empty)), k -> null));
        assertTrue(e.getMessage().endsWith("is empty"), e.getMessage());

        e = assertThrows(LoadFailure.class,
            () -> Endpoint.passwords(new LoadOptions.PasswordSource.Env("NOVACRON_PW"), k -> null));
        assertEquals("environment variable NOVACRON_PW (--password-env) is not set", e.getMessage());
    }

    @Test
    void passwordFromTheEnvironment() throws Exception {
        Map<String, String> env = Map.of("NOVACRON_PW", "s3cret");
        assertEquals(List.of("s3cret"),
            Endpoint.passwords(new LoadOptions.PasswordSource.Env("NOVACRON_PW"), env::get));
    }
}
