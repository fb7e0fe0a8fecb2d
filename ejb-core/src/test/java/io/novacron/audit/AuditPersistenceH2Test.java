package io.novacron.audit;

import io.novacron.schema.TestDatabase;

/** The audit persistence suite on H2 in file mode, the embedded default database. */
class AuditPersistenceH2Test extends AuditPersistenceSuite {

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
