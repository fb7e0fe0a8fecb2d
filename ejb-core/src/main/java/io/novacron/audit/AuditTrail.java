package io.novacron.audit;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The audit trail's EJB: appends records inside or beside the caller's transaction and searches them.
 * Appending in the caller's transaction is what makes the trail trustworthy: a state change and the
 * record describing it commit together or not at all. The trail only inserts and reads; nothing
 * here updates or deletes a record.
 */
@Stateless
public class AuditTrail {

    /** MicroProfile Config key naming this control-plane node in every record it writes. */
    public static final String NODE_ID_KEY = "novacron.node.id";
    /** Counts records flushed (a record whose transaction later rolls back is counted too). */
    public static final String RECORDS_WRITTEN_METRIC = "novacron.audit.records.written";
    /** Node id when {@value #NODE_ID_KEY} is not set (single-node installations). */
    public static final String NODE_ID_DEFAULT = "node-1";

    @PersistenceContext(unitName = "novacron")
    private EntityManager em;

    @Inject
    @ConfigProperty(name = NODE_ID_KEY, defaultValue = NODE_ID_DEFAULT)
    private String nodeId;

    @Inject
    MetricRegistry metrics;

    @EJB
    AgreedAuditRecords agreedRecords;

    @PostConstruct
    void checkNodeId() {
        if (nodeId == null || nodeId.isBlank() || nodeId.length() > AuditRecord.NODE_ID_CHARS_MAX) {
            throw new IllegalStateException(NODE_ID_KEY + "='" + nodeId + "' is invalid: 1.."
                    + AuditRecord.NODE_ID_CHARS_MAX + " non-blank characters allowed");
        }
    }

    /**
     * Records {@code entry} in the caller's transaction, which must exist: if it rolls back, so does
     * the record. Flushes, so a constraint violation surfaces here rather than at commit.
     *
     * @return the persisted record, with its id and time
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public AuditRecord append(AuditEntry entry) {
        return persist(entry);
    }

    /**
     * Records {@code entry} in a transaction of its own, committed before returning: for rejected or
     * failed attempts, which must stay on record although the caller's transaction rolls back.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public AuditRecord appendAlone(AuditEntry entry) {
        return persist(entry);
    }

    /**
     * Records {@code entry} for a change the cluster agreed on, with the change's consensus log position and, under
     * PBFT, its quorum certificate (empty under Raft), committed before returning, in a transaction shared with
     * other such records written at the same moment ({@link AgreedAuditRecords}): the change itself is already
     * applied by consensus, outside any transaction of the caller's.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public AuditRecord appendAgreed(AuditEntry entry, long logPosition, byte[] certificate) {
        return agreedRecords.append(AuditRecord.of(entry, Instant.now(), nodeId).agreedAt(logPosition, certificate));
    }

    /**
     * Fails (with the database's exception) unless the trail's database answers now: a change agreed through
     * consensus cannot be taken back, so its writer checks the trail before proposing it. (Skipping the query when a
     * batch had committed within the last second let a write through right after the database went away, and the
     * change stood without its record.)
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void requireWritable() {
        em.createNativeQuery("SELECT 1").getSingleResult();
    }

    /** One page of records matching {@code query}, newest first, with the total match count. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public AuditPage search(AuditQuery query) {
        return new AuditSearch(em).page(query);
    }

    /** Number of records in the trail (for metrics and health). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long count() {
        return new AuditSearch(em).count();
    }

    private AuditRecord persist(AuditEntry entry) {
        return persist(AuditRecord.of(entry, Instant.now(), nodeId));
    }

    private AuditRecord persist(AuditRecord record) {
        em.persist(record);
        em.flush();
        metrics.counter(RECORDS_WRITTEN_METRIC).inc();
        return record;
    }
}
