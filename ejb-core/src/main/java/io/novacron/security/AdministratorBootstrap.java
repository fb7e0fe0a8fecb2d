package io.novacron.security;

import io.novacron.audit.AuditEntry;
import io.novacron.audit.AuditOutcome;
import io.novacron.audit.AuditTrail;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes sure an administrator can sign in on a fresh server without any password in the code or the
 * repository. On first start it writes the user "admin" into the basic registry as a configuration
 * drop-in holding only a salted hash; the password is either the configured one
 * ({@code novacron.admin.password}) or a generated one, written once to a file readable by the server's
 * owner only, and the log says where. Deleting the drop-in and restarting issues a new password.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class AdministratorBootstrap {

    static final String ADMIN_USER = "admin";
    private static final Logger LOG = Logger.getLogger(AdministratorBootstrap.class.getName());

    @Inject
    @ConfigProperty(name = "novacron.admin.bootstrap", defaultValue = "true")
    boolean enabled;
    @Inject
    @ConfigProperty(name = "novacron.admin.password")
    Optional<String> configuredPassword;
    @Inject
    @ConfigProperty(name = "novacron.server.config-dir", defaultValue = ".")
    String serverConfigDir;
    @Inject
    @ConfigProperty(name = "novacron.data.dir", defaultValue = "novacron-data")
    String dataDir;

    @EJB
    AuditTrail audit;

    @PostConstruct
    void ensureAdministrator() {
        if (!enabled) {
            LOG.info("novacron.admin.bootstrap=false: administrators come from the configured user registry");
            return;
        }
        AdministratorAccount account = new AdministratorAccount(
                Path.of(serverConfigDir, "configDropins", "overrides", "novacron-admin.xml"),
                Path.of(dataDir, "initial-admin-password"));
        try {
            Optional<String> configured = configuredPassword.filter(p -> !p.isBlank());
            if (configured.isPresent()) {
                account.write(ADMIN_USER, configured.get());
                record("password from configuration (novacron.admin.password)");
            } else if (!account.exists()) {
                Path passwordFile = account.writeGenerated(ADMIN_USER);
                record("generated password, delivered in " + passwordFile);
                LOG.warning("NovaCron created the administrator account '" + ADMIN_USER + "' with a generated "
                        + "password. Read it from " + passwordFile.toAbsolutePath()
                        + " and then delete that file. This message is shown only once.");
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "NovaCron could not write the administrator account to "
                    + account.registryDropIn() + ": " + e.getMessage(), e);
        }
    }

    private void record(String detail) {
        try {
            audit.appendAlone(new AuditEntry("system", "security.admin-bootstrap", "user", ADMIN_USER,
                    AuditOutcome.SUCCESS, detail, null, null));
        } catch (RuntimeException e) {
            LOG.warning("The administrator bootstrap could not be audited (database unavailable?): " + e.getMessage());
        }
    }
}
