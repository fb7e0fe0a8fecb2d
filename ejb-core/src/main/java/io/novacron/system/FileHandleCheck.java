package io.novacron.system;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/** At start-up, warns (once, in one line) when the open-file limit cannot hold the admitted HTTP connections. */
@Singleton
@Startup
public class FileHandleCheck {

    private static final Logger LOG = Logger.getLogger(FileHandleCheck.class.getName());

    /** The same server variable caps the HTTP endpoint's open connections in server.xml. */
    @Inject
    @ConfigProperty(name = "novacron.http.max-open-connections", defaultValue = "2000")
    int maxOpenConnections;

    @PostConstruct
    void check() {
        long limit = processLimit();
        FileHandleBudget.shortfall(limit, maxOpenConnections).ifPresentOrElse(LOG::warning,
                () -> LOG.fine(() -> "open-file limit " + limit + " holds " + maxOpenConnections
                        + " HTTP connections"));
    }

    private static long processLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1; // not a Unix JVM: nothing to compare
    }
}
