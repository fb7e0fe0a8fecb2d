-- NovaCron schema, version 1: the audit trail.
--
-- One row per attempted operator or system action (who did what to which object, and with what
-- outcome). The table is APPEND-ONLY: the application only ever INSERTs and SELECTs; it never
-- UPDATEs or DELETEs a row. A DBA may enforce that by granting the application role only
-- INSERT and SELECT on audit_record (and USAGE on the sequence).
--
-- This file must run unchanged on both H2 2.x (embedded default) and PostgreSQL 15 (production):
-- keep to standard SQL that both accept. Flyway records it in flyway_schema_history; never edit
-- it once released, add V2__... instead.

-- Primary keys. JPA (EclipseLink) reserves ids in blocks of 50 per call (allocationSize = 50),
-- so the sequence must advance by the same step; a different step would hand out duplicate ids.
-- EclipseLink treats each value it reads as the LAST id of its block, so the first value is 50
-- and the first block is 1..50.
CREATE SEQUENCE audit_record_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE audit_record (
    id             BIGINT                   NOT NULL,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,  -- when the action was recorded (stored in UTC)
    actor          VARCHAR(128)             NOT NULL,  -- authenticated principal, or 'system'
    action         VARCHAR(64)              NOT NULL,  -- verb, e.g. HOST_REGISTER, VM_MIGRATE
    target_type    VARCHAR(64)              NOT NULL,  -- kind of object acted on, e.g. HOST, VM
    target_id      VARCHAR(128)             NOT NULL,  -- identifier of that object
    outcome        VARCHAR(16)              NOT NULL,  -- SUCCESS, REJECTED or FAILED
    detail         VARCHAR(1024),                      -- free text for humans (reason, error)
    before_digest  VARCHAR(80),                        -- 'sha256:<hex>' of the object before, if any
    after_digest   VARCHAR(80),                        -- 'sha256:<hex>' of the object after, if any
    node_id        VARCHAR(64)              NOT NULL,  -- control-plane node that wrote the row
    log_index      BIGINT,                             -- consensus log position (filled by a later release)
    certificate    VARCHAR(4000),                      -- quorum certificate (filled by a later release)
    CONSTRAINT pk_audit_record PRIMARY KEY (id),
    CONSTRAINT ck_audit_record_outcome CHECK (outcome IN ('SUCCESS', 'REJECTED', 'FAILED'))
);

-- Indexes for the audit search screen: by time range (also serves the newest-first ordering),
-- by who, by what, and by which object.
CREATE INDEX ix_audit_record_occurred_at ON audit_record (occurred_at);
CREATE INDEX ix_audit_record_actor       ON audit_record (actor);
CREATE INDEX ix_audit_record_action      ON audit_record (action);
CREATE INDEX ix_audit_record_target      ON audit_record (target_type, target_id);

COMMENT ON TABLE audit_record IS 'Append-only audit trail: one row per attempted action; never updated or deleted.';
COMMENT ON COLUMN audit_record.occurred_at IS 'When the action was recorded, UTC, microsecond precision.';
COMMENT ON COLUMN audit_record.outcome IS 'SUCCESS, REJECTED (refused before any change) or FAILED (error while changing).';
COMMENT ON COLUMN audit_record.before_digest IS 'sha256:<lowercase hex> of the canonical form of the target before the action.';
COMMENT ON COLUMN audit_record.after_digest IS 'sha256:<lowercase hex> of the canonical form of the target after the action.';
COMMENT ON COLUMN audit_record.log_index IS 'Position in the consensus log; NULL until replicated audit is enabled.';
COMMENT ON COLUMN audit_record.certificate IS 'Quorum certificate for the entry; NULL until replicated audit is enabled.';
