package io.novacron.schema;

/**
 * The outcome of a successful migration: which schema version the database is at and what database
 * it is.
 * Kept by {@link SchemaMigrator} for readiness checks and the operator's "about" view.
 *
 * @param version            the current schema version, such as {@code "1"}; {@code "none"} if no
 *                           migration exists
 * @param migrationsExecuted how many migrations this run applied (0 when already up to date)
 * @param databaseKind       {@code "H2"} or {@code "PostgreSQL"} (otherwise the product name as reported)
 * @param databaseProduct    product name and version, such as {@code "PostgreSQL 15.14"}
 */
public record AppliedSchema(String version, int migrationsExecuted, String databaseKind, String databaseProduct) {
}
