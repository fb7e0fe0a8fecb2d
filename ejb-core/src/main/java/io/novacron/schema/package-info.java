/**
 * Schema migration: brings the database to the schema the code expects by running the Flyway
 * scripts of {@code novacron-sql} at start-up, and remembers whether that worked.
 * Readiness checks and operator views may depend on {@link io.novacron.schema.SchemaMigrator}; this
 * package depends on nothing else in NovaCron.
 */
package io.novacron.schema;
