package io.novacron.schema;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether the schema has been migrated, why not if it has not, and when to try again.
 * It lets the application start while its database is down: the first attempt's failure is kept
 * and logged once, and later readiness checks retry, at most once per retry interval, until one
 * succeeds. Time comes from an injected nanosecond clock so the guard is tested without sleeping.
 *
 * <p>Thread-safe: attempts are serialised; the outcome is readable at any time without waiting.
 */
final class SchemaReadiness {

    private static final Logger LOG = Logger.getLogger(SchemaReadiness.class.getName());
    private static final int FAILURE_CHARS_MAX = 500;

    /** One migration attempt; throws whatever stopped it. */
    @FunctionalInterface
    interface Attempt {
        AppliedSchema run() throws Exception;
    }

    private final Attempt attempt;
    private final long retryIntervalNanos;
    private final LongSupplier nanoTime;

    private volatile AppliedSchema applied;
    private volatile String failure;
    private boolean attempted;          // guarded by this
    private long lastAttemptNanos;      // guarded by this

    SchemaReadiness(Attempt attempt, Duration retryInterval, LongSupplier nanoTime) {
        this.attempt = Objects.requireNonNull(attempt, "attempt");
        this.retryIntervalNanos = retryInterval.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** Migrates now unless already migrated; returns whether the schema is migrated afterwards. */
    synchronized boolean attemptNow() {
        if (applied != null) {
            return true;
        }
        attempted = true;
        lastAttemptNanos = nanoTime.getAsLong();
        try {
            AppliedSchema result = attempt.run();
            applied = result;
            failure = null;
            LOG.info(() -> "Database schema at version " + result.version() + " (" + result.migrationsExecuted()
                    + " migration(s) applied now) on " + result.databaseProduct());
            return true;
        } catch (Exception | LinkageError e) {
            String message = oneLine(e);
            // One WARNING per distinct cause; a database that stays down must not flood the log.
            Level level = message.equals(failure) ? Level.FINE : Level.WARNING;
            failure = message;
            LOG.log(level, "Database schema NOT migrated (will retry on the next readiness check): {0}", message);
            LOG.log(Level.FINE, "Schema migration failure", e);
            return false;
        }
    }

    /**
     * Returns true at once if migrated; otherwise migrates again if the last attempt is at least one
     * retry interval old, and returns false without trying if it is newer.
     */
    synchronized boolean ensureMigrated() {
        if (applied != null) {
            return true;
        }
        if (attempted && nanoTime.getAsLong() - lastAttemptNanos < retryIntervalNanos) {
            return false;
        }
        return attemptNow();
    }

    boolean isMigrated() {
        return applied != null;
    }

    Optional<AppliedSchema> applied() {
        return Optional.ofNullable(applied);
    }

    /** Why the last attempt failed, on one line; empty once migrated or before any attempt. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** "Type: message" of the throwable, plus its root cause's when that says something else. */
    static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (root != e && root.getMessage() != null && (e.getMessage() == null
                || !e.getMessage().contains(root.getMessage()))) {
            text += " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        text = text.replaceAll("\\s+", " ").trim();
        return text.length() <= FAILURE_CHARS_MAX ? text : text.substring(0, FAILURE_CHARS_MAX - 1) + '\u2026';
    }
}
