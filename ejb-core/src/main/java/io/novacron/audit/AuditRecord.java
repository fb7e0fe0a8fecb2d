package io.novacron.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One row of the append-only audit trail ({@code audit_record}, created by Flyway's
 * {@code V1__audit_trail.sql}).
 * It is built only from an {@link AuditEntry} plus the time and node the trail supplies, has no
 * setters, and maps every column {@code updatable = false}: once persisted a record never changes.
 *
 * <p>The time is held as a UTC {@link OffsetDateTime} because EclipseLink 4.0 has no mapping for
 * {@link Instant} (it would serialise it to bytes); the getter still speaks {@code Instant}.
 */
@Entity
@Table(name = "audit_record")
public class AuditRecord {

    /** Column size of {@code certificate}. */
    public static final int CERTIFICATE_CHARS_MAX = 4000;
    /** Column size of {@code node_id}. */
    public static final int NODE_ID_CHARS_MAX = 64;

    // allocationSize must equal the sequence's INCREMENT BY (50) or ids collide (see V1__audit_trail.sql).
    @Id
    @SequenceGenerator(name = "audit_record_seq", sequenceName = "audit_record_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_record_seq")
    @Column(name = "id", nullable = false, updatable = false)
    private Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private OffsetDateTime occurredAt;

    @Column(name = "actor", nullable = false, updatable = false, length = AuditEntry.ACTOR_CHARS_MAX)
    private String actor;

    @Column(name = "action", nullable = false, updatable = false, length = AuditEntry.ACTION_CHARS_MAX)
    private String action;

    @Column(name = "target_type", nullable = false, updatable = false, length = AuditEntry.TARGET_TYPE_CHARS_MAX)
    private String targetType;

    @Column(name = "target_id", nullable = false, updatable = false, length = AuditEntry.TARGET_ID_CHARS_MAX)
    private String targetId;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", nullable = false, updatable = false, length = 16)
    private AuditOutcome outcome;

    @Column(name = "detail", updatable = false, length = AuditEntry.DETAIL_CHARS_MAX)
    private String detail;

    @Column(name = "before_digest", updatable = false, length = AuditEntry.DIGEST_CHARS_MAX)
    private String beforeDigest;

    @Column(name = "after_digest", updatable = false, length = AuditEntry.DIGEST_CHARS_MAX)
    private String afterDigest;

    @Column(name = "node_id", nullable = false, updatable = false, length = NODE_ID_CHARS_MAX)
    private String nodeId;

    // The consensus log position of the agreed change; null for records of changes made outside consensus.
    @Column(name = "log_index", updatable = false)
    private Long logIndex;

    @Column(name = "certificate", updatable = false, length = CERTIFICATE_CHARS_MAX)
    private String certificate;

    /** For JPA only. */
    protected AuditRecord() {
    }

    private AuditRecord(AuditEntry entry, OffsetDateTime occurredAt, String nodeId) {
        this.occurredAt = occurredAt;
        this.actor = entry.actor();
        this.action = entry.action();
        this.targetType = entry.targetType();
        this.targetId = entry.targetId();
        this.outcome = entry.outcome();
        this.detail = entry.detail();
        this.beforeDigest = entry.beforeDigest();
        this.afterDigest = entry.afterDigest();
        this.nodeId = nodeId;
    }

    /**
     * A new, not yet persisted record.
     *
     * @param occurredAt cut to microseconds, the precision both H2 and PostgreSQL keep, so the value
     *                   read back equals the value written
     * @param nodeId     the writing node; required, at most {@value #NODE_ID_CHARS_MAX} chars
     */
    static AuditRecord of(AuditEntry entry, Instant occurredAt, String nodeId) {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (nodeId == null || nodeId.isBlank() || nodeId.length() > NODE_ID_CHARS_MAX) {
            throw new IllegalArgumentException("nodeId must be 1.." + NODE_ID_CHARS_MAX + " non-blank chars, was '"
                    + nodeId + "'");
        }
        return new AuditRecord(entry, occurredAt.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC), nodeId);
    }

    /**
     * This record, not yet persisted, with the agreed change's consensus position and quorum certificate. The
     * certificate is kept in Base64; one too large for the column (post-quantum signatures) is kept as
     * {@code sha256:<hex>} of its bytes, which still identifies it among the members' journals.
     */
    AuditRecord agreedAt(long logPosition, byte[] quorumCertificate) {
        if (id != null) {
            throw new IllegalStateException("a persisted record never changes");
        }
        logIndex = logPosition;
        if (quorumCertificate != null && quorumCertificate.length > 0) {
            String encoded = java.util.Base64.getEncoder().encodeToString(quorumCertificate);
            certificate = encoded.length() <= CERTIFICATE_CHARS_MAX ? encoded
                    : AuditDigest.ofBytes(quorumCertificate);
        }
        return this;
    }

    /** Database id, assigned from {@code audit_record_seq} at persist; null before. */
    public Long getId() {
        return id;
    }

    /** When the trail recorded the action, microsecond precision. */
    public Instant getOccurredAt() {
        return occurredAt.toInstant();
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getTargetType() {
        return targetType;
    }

    public String getTargetId() {
        return targetId;
    }

    public AuditOutcome getOutcome() {
        return outcome;
    }

    public String getDetail() {
        return detail;
    }

    public String getBeforeDigest() {
        return beforeDigest;
    }

    public String getAfterDigest() {
        return afterDigest;
    }

    /** The control-plane node that wrote the record ({@code novacron.node.id}). */
    public String getNodeId() {
        return nodeId;
    }

    /** Position of the agreed change in the consensus log (Raft index; PBFT sequence × 1,000,000 + offset). */
    public Long getLogIndex() {
        return logIndex;
    }

    /** The PBFT quorum certificate of the change, Base64 (or {@code sha256:<hex>} when too long); null under Raft. */
    public String getCertificate() {
        return certificate;
    }

    /** The caller-supplied part of this record, equal to the entry it was built from. */
    public AuditEntry toEntry() {
        return new AuditEntry(actor, action, targetType, targetId, outcome, detail, beforeDigest, afterDigest);
    }

    @Override
    public String toString() {
        return "AuditRecord[id=" + id + ", occurredAt=" + occurredAt + ", actor=" + actor + ", action=" + action
                + ", target=" + targetType + '/' + targetId + ", outcome=" + outcome + ", node=" + nodeId + ']';
    }
}
