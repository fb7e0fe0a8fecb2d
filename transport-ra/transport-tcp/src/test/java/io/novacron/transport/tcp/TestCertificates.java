package io.novacron.transport.tcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PKCS12 key stores made with the running JDK's keytool: one self-signed key per node (CN = node id), and a
 * trust store holding the certificates of the nodes given as trusted.
 */
final class TestCertificates {

    static final String PASSWORD = "changeit";

    private final Path dir;

    TestCertificates(Path dir) {
        this.dir = dir;
    }

    Path keyStore(String cn) {
        return dir.resolve(cn + "-key.p12");
    }

    Path trustStore() {
        return dir.resolve("trust.p12");
    }

    /** Makes a key store for every name, and a trust store with the certificates of {@code trusted}. */
    TestCertificates make(List<String> names, List<String> trusted) throws IOException, InterruptedException {
        for (String cn : names) {
            keytool("-genkeypair", "-alias", cn, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + cn + ",O=NovaCron test",
                    "-validity", "2", "-keystore", keyStore(cn).toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
                    "-keypass", PASSWORD);
        }
        for (String cn : trusted) {
            Path cert = dir.resolve(cn + ".crt");
            keytool("-exportcert", "-alias", cn, "-keystore", keyStore(cn).toString(), "-storepass", PASSWORD,
                    "-rfc", "-file", cert.toString());
            keytool("-importcert", "-noprompt", "-alias", cn, "-file", cert.toString(), "-keystore", trustStore().toString(),
                    "-storetype", "PKCS12", "-storepass", PASSWORD);
        }
        return this;
    }

    TlsConfig tlsFor(String cn) {
        return TlsConfig.mutual(keyStore(cn).toString(), PASSWORD, trustStore().toString(), PASSWORD);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }
}
