package io.novacron.transport.tcp;

import static io.novacron.transport.tcp.ConfigCheck.require;

/**
 * TLS settings shared by a node's sending and receiving sides. With TLS on, both ends present certificates
 * (mutual authentication) and a certificate's subject CN must equal the node id its holder claims.
 *
 * @param enabled            TLS 1.3 with mutual authentication when true; plain TCP when false
 * @param keyStorePath       this node's key and certificate (CN = node id)
 * @param keyStorePassword   the key store's password, also used for the key
 * @param trustStorePath     the certificates (or CA) of the peers this node trusts
 * @param trustStorePassword the trust store's password
 * @param storeType          the key and trust stores' type, e.g. PKCS12
 */
public record TlsConfig(boolean enabled, String keyStorePath, String keyStorePassword, String trustStorePath,
                        String trustStorePassword, String storeType) {

    /** Plain TCP. */
    public static final TlsConfig DISABLED = new TlsConfig(false, "", "", "", "", "PKCS12");

    /** Mutual TLS with PKCS12 stores. */
    public static TlsConfig mutual(String keyStorePath, String keyStorePassword, String trustStorePath,
                                   String trustStorePassword) {
        return new TlsConfig(true, keyStorePath, keyStorePassword, trustStorePath, trustStorePassword, "PKCS12");
    }

    /** Fails with one line naming the setting, its value and what is allowed. */
    public TlsConfig validate() {
        if (enabled) {
            require(keyStorePath != null && !keyStorePath.isBlank(), "tls config", "keyStorePath", keyStorePath,
                    "a key store file when TLS is enabled");
            require(trustStorePath != null && !trustStorePath.isBlank(), "tls config", "trustStorePath", trustStorePath,
                    "a trust store file when TLS is enabled");
            require(keyStorePassword != null, "tls config", "keyStorePassword", null, "a password");
            require(trustStorePassword != null, "tls config", "trustStorePassword", null, "a password");
            require(storeType != null && !storeType.isBlank(), "tls config", "storeType", storeType,
                    "a KeyStore type such as PKCS12");
        }
        return this;
    }

    @Override
    public String toString() {
        return enabled ? "TlsConfig[mutual, keyStore=" + keyStorePath + ", trustStore=" + trustStorePath + "]"
                : "TlsConfig[disabled]";
    }
}
