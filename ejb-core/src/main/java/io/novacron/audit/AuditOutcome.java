package io.novacron.audit;

/**
 * How an audited action ended.
 * Stored by name in {@code audit_record.outcome} (a CHECK constraint lists the same names), so
 * renaming a constant is a schema migration, not a refactoring.
 */
public enum AuditOutcome {
    /** The action was carried out and its state change committed with the record. */
    SUCCESS,
    /** The action was refused before anything changed (today: unknown target, name or version conflict). */
    REJECTED,
    /** The action was attempted and failed; whatever it changed was rolled back. Reserved: not written yet. */
    FAILED
}
