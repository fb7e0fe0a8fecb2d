package io.novacron.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.novacron.schema.AppliedSchema;
import io.novacron.schema.SchemaMigration;
import io.novacron.schema.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

/**
 * The persistence contract of the audit trail, run against each supported database by a subclass:
 * Flyway migrates a fresh database with the production scripts, then EclipseLink (the production
 * persistence unit, switched to RESOURCE_LOCAL) writes records and {@link AuditSearch} — the code
 * {@link AuditTrail} delegates to — reads them back.
 * One suite for all databases (as Ratis runs one suite over its transports), so H2 and PostgreSQL
 * are held to exactly the same assertions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuditPersistenceSuite {

    /** Bump with each new migration script: the version and count of V*.sql files in novacron-sql. */
    private static final String LATEST_SCHEMA_VERSION = "1";
    private static final int MIGRATION_SCRIPTS = 1;

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private TestDatabase db;
    private String skipReason;
    private AppliedSchema firstMigration;
    private AppliedSchema secondMigration;
    private EntityManagerFactory emf;

    /** A fresh, empty database; may abort (skip) the class when the database is not configured. */
    protected abstract TestDatabase openDatabase();

    @BeforeAll
    void migrateAndConnect() throws SQLException {
        try {
            db = openDatabase();
        } catch (TestAbortedException e) {
            // Surefire does not report a class aborted in @BeforeAll at all; skip each test visibly instead.
            skipReason = e.getMessage();
            return;
        }
        firstMigration = migrate();
        secondMigration = migrate();
        emf = Persistence.createEntityManagerFactory("novacron", db.jpaProperties());
    }

    @AfterAll
    void disconnect() {
        if (emf != null) {
            emf.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void emptyTrail() throws SQLException {
        Assumptions.assumeTrue(skipReason == null, skipReason);
        // Test isolation only; the application itself never deletes audit records.
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM audit_record");
        }
    }

    // ---- schema -------------------------------------------------------------------------------

    @Test
    void migrationAppliesEveryScriptOnceAndReportsTheDatabase() {
        assertEquals(MIGRATION_SCRIPTS, firstMigration.migrationsExecuted(), "first migration of an empty database");
        assertEquals(LATEST_SCHEMA_VERSION, firstMigration.version());
        assertEquals(db.kind(), firstMigration.databaseKind());
        assertTrue(firstMigration.databaseProduct().startsWith(db.kind() + ' '), firstMigration.databaseProduct());
    }

    @Test
    void secondMigrationAppliesNothing() {
        assertEquals(0, secondMigration.migrationsExecuted());
        assertEquals(LATEST_SCHEMA_VERSION, secondMigration.version());
    }

    // ---- writing ------------------------------------------------------------------------------

    @Test
    void everyFieldRoundTrips() throws SQLException {
        AuditEntry entry = new AuditEntry("zoë", "HOST_UPDATE", "HOST", "h-1", AuditOutcome.SUCCESS,
                "vcpus 8 → 16", AuditDigest.of("before"), AuditDigest.of("after"));
        AuditRecord written = persist(entry, Instant.parse("2031-02-03T04:05:06.123456789Z"), "node-7");

        AuditRecord read = withEntityManager(em -> em.find(AuditRecord.class, written.getId()));

        assertEquals(entry, read.toEntry());
        assertEquals(Instant.parse("2031-02-03T04:05:06.123456Z"), read.getOccurredAt(), "cut to microseconds");
        assertEquals("node-7", read.getNodeId());
        assertNull(read.getLogIndex());
        assertNull(read.getCertificate());
        assertEquals(read.getOccurredAt(), storedOccurredAt(written.getId()), "value in the column itself");
    }

    @Test
    void optionalFieldsRoundTripAsNull() {
        AuditEntry entry = new AuditEntry("system", "HOST_REMOVE", "HOST", "h-9", AuditOutcome.REJECTED, null,
                null, null);
        AuditRecord written = persist(entry, T0, "node-1");

        AuditRecord read = withEntityManager(em -> em.find(AuditRecord.class, written.getId()));

        assertEquals(entry, read.toEntry());
        assertEquals(T0, read.getOccurredAt());
    }

    @Test
    void idsComeFromTheSequenceAndNeverCollideAcrossNodes() {
        // A second factory is a second node: each reserves its own blocks of 50 from audit_record_seq.
        // If INCREMENT BY and allocationSize disagreed, the two would hand out the same ids.
        Map<String, Object> otherNode = db.jpaProperties();
        otherNode.put("eclipselink.session-name", "other-node-" + System.nanoTime());
        EntityManagerFactory other = Persistence.createEntityManagerFactory("novacron", otherNode);
        List<Long> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 120; i++) {
                EntityManagerFactory node = i % 3 == 0 ? other : emf;
                ids.add(persist(node, entry("actor-" + i, "HOST_REGISTER", "HOST", "h-" + i, AuditOutcome.SUCCESS),
                        T0.plusSeconds(i), "node-" + (i % 3 == 0 ? 2 : 1)).getId());
            }
        } finally {
            other.close();
        }
        assertEquals(ids.size(), new HashSet<>(ids).size(), "duplicate ids: " + ids);
        assertTrue(ids.stream().allMatch(id -> id > 0), "non-positive id: " + ids);
        assertEquals(120, count());
    }

    // ---- searching ----------------------------------------------------------------------------

    @Test
    void newestFirstThenHighestId() {
        List<AuditRecord> seeded = seed();
        List<Long> expected = seeded.stream()
                .sorted(Comparator.comparing(AuditRecord::getOccurredAt).thenComparing(AuditRecord::getId).reversed())
                .map(AuditRecord::getId).toList();

        AuditPage page = search(AuditQuery.all());

        assertEquals(expected, ids(page));
        assertEquals(seeded.size(), page.total());
        // Two records share T0+5min: the later insert (higher id) comes first.
        assertEquals(List.of(seeded.get(6).getId(), seeded.get(5).getId(), seeded.get(4).getId()),
                ids(page).subList(0, 3));
    }

    @Test
    void fromIsInclusiveAndToIsExclusiveToTheMicrosecond() {
        List<AuditRecord> seeded = seed();
        Instant sixth = seeded.get(6).getOccurredAt(); // T0 + 6 min + 1 µs

        assertEquals(ids(seeded, 2, 1), ids(search(AuditQuery.builder()
                .from(T0.plus(Duration.ofMinutes(2))).to(T0.plus(Duration.ofMinutes(4))).build())));
        assertEquals(ids(seeded, 6), ids(search(AuditQuery.builder().from(sixth).build())));
        assertEquals(List.of(), ids(search(AuditQuery.builder().from(sixth.plusNanos(1000)).build())));
        assertFalse(ids(search(AuditQuery.builder().to(sixth).build())).contains(seeded.get(6).getId()));
        assertTrue(ids(search(AuditQuery.builder().to(sixth.plusNanos(1000)).build()))
                .contains(seeded.get(6).getId()));
    }

    @Test
    void actorAndActionMatchExactly() {
        List<AuditRecord> seeded = seed();

        assertEquals(ids(seeded, 4, 2, 0), ids(search(AuditQuery.builder().actor("alice").build())));
        assertEquals(List.of(), ids(search(AuditQuery.builder().actor("ALICE").build())));
        assertEquals(List.of(), ids(search(AuditQuery.builder().actor("ali").build())));
        assertEquals(List.of(), ids(search(AuditQuery.builder().actor("%").build())));
        assertEquals(ids(seeded, 5, 2), ids(search(AuditQuery.builder().action("VM_MIGRATE").build())));
    }

    @Test
    void targetMatchesTheIdOrTheType() {
        List<AuditRecord> seeded = seed();

        assertEquals(ids(seeded, 4, 0), ids(search(AuditQuery.builder().target("h-1").build())));
        assertEquals(ids(seeded, 5, 2), ids(search(AuditQuery.builder().target("VM").build())));
        // "HOST" is the type of records 0, 1, 3, 4 and the id of records 5 and 6.
        assertEquals(ids(seeded, 6, 5, 4, 3, 1, 0), ids(search(AuditQuery.builder().target("HOST").build())));
    }

    @Test
    void outcomeAndCombinedFilters() {
        List<AuditRecord> seeded = seed();

        assertEquals(ids(seeded, 2), ids(search(AuditQuery.builder().outcome(AuditOutcome.FAILED).build())));
        assertEquals(ids(seeded, 4, 0), ids(search(AuditQuery.builder()
                .actor("alice").outcome(AuditOutcome.SUCCESS).target("HOST").build())));
        AuditPage none = search(AuditQuery.builder().actor("carol").outcome(AuditOutcome.REJECTED).build());
        assertEquals(List.of(), none.items());
        assertEquals(0, none.total());
    }

    @Test
    void pagesPartitionTheResultAndCarryTheTotal() {
        List<AuditRecord> seeded = seed();
        List<Long> all = ids(search(AuditQuery.all()));

        List<Long> paged = new ArrayList<>();
        for (int page = 0; page < 4; page++) {
            AuditPage p = search(AuditQuery.builder().page(page).size(2).build());
            assertEquals(seeded.size(), p.total(), "total on page " + page);
            assertEquals(page == 3 ? 1 : 2, p.items().size(), "items on page " + page);
            paged.addAll(ids(p));
        }
        assertEquals(all, paged);

        AuditPage beyond = search(AuditQuery.builder().page(10).size(2).build());
        assertEquals(List.of(), beyond.items());
        assertEquals(seeded.size(), beyond.total());

        AuditPage filtered = search(AuditQuery.builder().actor("alice").page(1).size(2).build());
        assertEquals(ids(seeded, 0), ids(filtered));
        assertEquals(3, filtered.total());
    }

    @Test
    void countCountsEveryRecord() {
        assertEquals(0, count());
        seed();
        assertEquals(7, count());
    }

    // ---- helpers ------------------------------------------------------------------------------

    /**
     * Seven records a minute apart from T0 (index = insertion order):
     * 0 alice HOST_REGISTER HOST/h-1 SUCCESS +1m, 1 bob HOST_UPDATE HOST/h-2 REJECTED +2m,
     * 2 alice VM_MIGRATE VM/vm-7 FAILED +3m, 3 carol HOST_REGISTER HOST/h-3 SUCCESS +4m,
     * 4 alice HOST_UPDATE HOST/h-1 SUCCESS +5m, 5 bob VM_MIGRATE VM/HOST SUCCESS +5m (same time),
     * 6 system HOST_DRAIN NODE/HOST REJECTED +6m+1µs.
     */
    private List<AuditRecord> seed() {
        List<AuditRecord> seeded = new ArrayList<>();
        seeded.add(persist(entry("alice", "HOST_REGISTER", "HOST", "h-1", AuditOutcome.SUCCESS), minutes(1)));
        seeded.add(persist(entry("bob", "HOST_UPDATE", "HOST", "h-2", AuditOutcome.REJECTED), minutes(2)));
        seeded.add(persist(entry("alice", "VM_MIGRATE", "VM", "vm-7", AuditOutcome.FAILED), minutes(3)));
        seeded.add(persist(entry("carol", "HOST_REGISTER", "HOST", "h-3", AuditOutcome.SUCCESS), minutes(4)));
        seeded.add(persist(entry("alice", "HOST_UPDATE", "HOST", "h-1", AuditOutcome.SUCCESS), minutes(5)));
        seeded.add(persist(entry("bob", "VM_MIGRATE", "VM", "HOST", AuditOutcome.SUCCESS), minutes(5)));
        seeded.add(persist(entry("system", "HOST_DRAIN", "NODE", "HOST", AuditOutcome.REJECTED),
                minutes(6).plusNanos(1000)));
        return seeded;
    }

    private static Instant minutes(int n) {
        return T0.plus(Duration.ofMinutes(n));
    }

    private static AuditEntry entry(String actor, String action, String targetType, String targetId,
                                    AuditOutcome outcome) {
        return new AuditEntry(actor, action, targetType, targetId, outcome, null, null, null);
    }

    private AppliedSchema migrate() throws SQLException {
        return new SchemaMigration(db.dataSource(), getClass().getClassLoader()).migrate();
    }

    private AuditRecord persist(AuditEntry entry, Instant at) {
        return persist(entry, at, "node-1");
    }

    private AuditRecord persist(AuditEntry entry, Instant at, String nodeId) {
        return persist(emf, entry, at, nodeId);
    }

    /** What AuditTrail.append does, in a RESOURCE_LOCAL transaction instead of the caller's JTA one. */
    private static AuditRecord persist(EntityManagerFactory factory, AuditEntry entry, Instant at, String nodeId) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            AuditRecord record = AuditRecord.of(entry, at, nodeId);
            em.persist(record);
            em.flush();
            em.getTransaction().commit();
            assertNotNull(record.getId());
            return record;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private <T> T withEntityManager(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            return work.apply(em);
        } finally {
            em.close();
        }
    }

    private AuditPage search(AuditQuery query) {
        return withEntityManager(em -> new AuditSearch(em).page(query));
    }

    private long count() {
        return withEntityManager(em -> new AuditSearch(em).count());
    }

    private Instant storedOccurredAt(long id) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT occurred_at FROM audit_record WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "row " + id + " missing");
                return rs.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
    }

    private static List<Long> ids(AuditPage page) {
        return page.items().stream().map(AuditRecord::getId).toList();
    }

    private static List<Long> ids(List<AuditRecord> seeded, int... indexes) {
        List<Long> ids = new ArrayList<>();
        for (int i : indexes) {
            ids.add(seeded.get(i).getId());
        }
        return ids;
    }
}
