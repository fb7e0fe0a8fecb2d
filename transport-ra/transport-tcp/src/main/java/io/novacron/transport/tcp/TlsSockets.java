package io.novacron.transport.tcp;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

/**
 * Builds the TLS context from a {@link TlsConfig} and reads a peer's node id from its certificate.
 * Identity rule: the subject CN of the peer's leaf certificate is its node id. The acceptor checks it against the
 * id the connector claims in HELLO; the connector checks it against the id of the peer it meant to reach. Host
 * names are not checked: nodes are named by id, and addresses may be NATed or change.
 */
public final class TlsSockets {

    private static final String[] PROTOCOLS = {"TLSv1.3"};

    private TlsSockets() {
    }

    /** The context for both client and server sockets of one node. */
    public static SSLContext context(TlsConfig tls) {
        try {
            KeyStore keys = load(tls.keyStorePath(), tls.keyStorePassword(), tls.storeType(), "keyStorePath");
            KeyStore trust = load(tls.trustStorePath(), tls.trustStorePassword(), tls.storeType(), "trustStorePath");
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, tls.keyStorePassword().toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLSv1.3");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("tls config: cannot build the TLS context: " + e.getMessage(), e);
        }
    }

    static String[] protocols() {
        return PROTOCOLS.clone();
    }

    private static KeyStore load(String path, String password, String type, String setting)
            throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(in, password.toCharArray());
            return ks;
        } catch (IOException e) {
            throw new IllegalArgumentException("tls config: " + setting + "=" + path + " is invalid; allowed: a readable "
                    + type + " store with the given password (" + e.getMessage() + ")", e);
        }
    }

    /** The node id in the peer's certificate (its subject CN). */
    public static String peerNodeId(SSLSession session) throws SSLPeerUnverifiedException {
        Certificate[] chain = session.getPeerCertificates();
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate x509)) {
            throw new SSLPeerUnverifiedException("peer presented no X.509 certificate");
        }
        try {
            for (Rdn rdn : new LdapName(x509.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            throw new SSLPeerUnverifiedException("peer certificate subject is not a valid name: " + e.getMessage());
        }
        throw new SSLPeerUnverifiedException("peer certificate subject has no CN: " + x509.getSubjectX500Principal());
    }
}
