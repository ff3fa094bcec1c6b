-- The tamper-evident audit log: one hash chain per organization (org_id 0
-- is the platform's chain), and signed checkpoints of chain heads. Both
-- tables are append-only: triggers refuse UPDATE and DELETE. (Whoever can
-- write the database file can drop them; the hash chain and the signed
-- checkpoints are what detect that.)

CREATE TABLE audit_events (
    org_id      INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    actor_type  TEXT NOT NULL,
    actor_id    TEXT NOT NULL,
    actor_label TEXT NOT NULL,
    action      TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id   TEXT NOT NULL,
    details     TEXT NOT NULL,
    prev_hash   BLOB NOT NULL,
    hash        BLOB NOT NULL,
    PRIMARY KEY (org_id, seq)
);
CREATE INDEX audit_events_org_time ON audit_events (org_id, created_at);

CREATE TABLE audit_checkpoints (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    head_hash  BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL,
    key_id     TEXT NOT NULL,
    signature  BLOB NOT NULL
);
CREATE INDEX audit_checkpoints_org ON audit_checkpoints (org_id, id);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
