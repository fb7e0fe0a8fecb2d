package io.novacron.audit;

import io.novacron.schema.TestDatabase;

/**
 * The audit persistence suite on a real PostgreSQL, the production database. Needs
 * NOVACRON_TEST_PG_URL/_USER/_PASSWORD ({@code eval "$(scripts/postgres.sh)"}); skipped without
 * them unless NOVACRON_TEST_POSTGRES_REQUIRED=true, which makes their absence a failure.
 */
class AuditPersistencePostgresTest extends AuditPersistenceSuite {

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
