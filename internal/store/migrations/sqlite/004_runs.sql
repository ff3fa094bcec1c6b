-- Runs: AWS connections, workspaces (with the apply lease), runs and their
-- logs, Terraform state versions (encrypted) and state locks, Local Agents.
-- Times are TIMESTAMP columns holding integer microseconds since the epoch.

CREATE TABLE aws_connections (
    id              INTEGER PRIMARY KEY,
    org_id          INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('role', 'keys', 'endpoint')),
    role_arn        TEXT NOT NULL DEFAULT '',
    external_id     TEXT NOT NULL DEFAULT '',
    endpoint_url    TEXT NOT NULL DEFAULT '',
    secret          BLOB,
    access_key_hint TEXT NOT NULL DEFAULT '',
    verified_at     TIMESTAMP,
    created_by      INTEGER,
    created_at      TIMESTAMP NOT NULL,
    UNIQUE (org_id, name)
);

CREATE TABLE workspaces (
    id                INTEGER PRIMARY KEY,
    org_id            INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name              TEXT NOT NULL,
    region            TEXT NOT NULL,
    connection_id     INTEGER REFERENCES aws_connections (id) ON DELETE SET NULL,
    execution_mode    TEXT NOT NULL CHECK (execution_mode IN ('platform', 'agent')),
    spec              TEXT NOT NULL DEFAULT '',
    created_by        INTEGER,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL,
    apply_run_id      INTEGER,
    apply_lease_until TIMESTAMP,
    apply_fence       INTEGER NOT NULL DEFAULT 0,
    UNIQUE (org_id, name)
);

CREATE TABLE agents (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    os           TEXT NOT NULL DEFAULT '',
    arch         TEXT NOT NULL DEFAULT '',
    version      TEXT NOT NULL DEFAULT '',
    created_by   INTEGER,
    created_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL
);
CREATE INDEX agents_org ON agents (org_id);

CREATE TABLE runs (
    id               INTEGER PRIMARY KEY,
    org_id           INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    workspace_id     INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    operation        TEXT NOT NULL CHECK (operation IN ('apply', 'destroy')),
    status           TEXT NOT NULL,
    execution_mode   TEXT NOT NULL,
    prompt           TEXT NOT NULL DEFAULT '',
    spec             TEXT NOT NULL DEFAULT '',
    config           TEXT NOT NULL DEFAULT '',
    config_sha256    TEXT NOT NULL DEFAULT '',
    plan_json        TEXT NOT NULL DEFAULT '',
    plan_file        BLOB,
    plan_sha256      TEXT NOT NULL DEFAULT '',
    plan_add         INTEGER NOT NULL DEFAULT 0,
    plan_change      INTEGER NOT NULL DEFAULT 0,
    plan_destroy     INTEGER NOT NULL DEFAULT 0,
    findings         TEXT NOT NULL DEFAULT '[]',
    state_serial     INTEGER NOT NULL DEFAULT -1,
    error            TEXT NOT NULL DEFAULT '',
    created_by       INTEGER,
    actor            TEXT NOT NULL DEFAULT '',
    worker           TEXT NOT NULL DEFAULT '',
    agent_id         INTEGER,
    lease_until      TIMESTAMP,
    fence            INTEGER NOT NULL DEFAULT 0,
    token_hash       BLOB,
    token_expires_at TIMESTAMP,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX runs_workspace ON runs (workspace_id, id);
CREATE INDEX runs_queue ON runs (status, execution_mode, id);

CREATE TABLE run_logs (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX run_logs_run ON run_logs (run_id, id);

CREATE TABLE state_versions (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    serial       INTEGER NOT NULL,
    lineage      TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    data         BLOB NOT NULL,
    run_id       INTEGER,
    created_at   TIMESTAMP NOT NULL,
    UNIQUE (workspace_id, serial)
);

CREATE TABLE state_locks (
    workspace_id INTEGER PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    lock_id      TEXT NOT NULL,
    info         TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL
);
