-- Runs: AWS connections, workspaces (with the apply lease), runs and their
-- logs, Terraform state versions (encrypted) and state locks, Local Agents.
-- Times are TIMESTAMPTZ (microsecond precision).

CREATE TABLE aws_connections (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id          BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('role', 'keys', 'endpoint')),
    role_arn        TEXT NOT NULL DEFAULT '',
    external_id     TEXT NOT NULL DEFAULT '',
    endpoint_url    TEXT NOT NULL DEFAULT '',
    secret          BYTEA,
    access_key_hint TEXT NOT NULL DEFAULT '',
    verified_at     TIMESTAMPTZ,
    created_by      BIGINT,
    created_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (org_id, name)
);

CREATE TABLE workspaces (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id            BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name              TEXT NOT NULL,
    region            TEXT NOT NULL,
    connection_id     BIGINT REFERENCES aws_connections (id) ON DELETE SET NULL,
    execution_mode    TEXT NOT NULL CHECK (execution_mode IN ('platform', 'agent')),
    spec              TEXT NOT NULL DEFAULT '',
    created_by        BIGINT,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    apply_run_id      BIGINT,
    apply_lease_until TIMESTAMPTZ,
    apply_fence       BIGINT NOT NULL DEFAULT 0,
    UNIQUE (org_id, name)
);

CREATE TABLE agents (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id       BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    os           TEXT NOT NULL DEFAULT '',
    arch         TEXT NOT NULL DEFAULT '',
    version      TEXT NOT NULL DEFAULT '',
    created_by   BIGINT,
    created_at   TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX agents_org ON agents (org_id);

CREATE TABLE runs (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id           BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    workspace_id     BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    operation        TEXT NOT NULL CHECK (operation IN ('apply', 'destroy')),
    status           TEXT NOT NULL,
    execution_mode   TEXT NOT NULL,
    prompt           TEXT NOT NULL DEFAULT '',
    spec             TEXT NOT NULL DEFAULT '',
    config           TEXT NOT NULL DEFAULT '',
    config_sha256    TEXT NOT NULL DEFAULT '',
    plan_json        TEXT NOT NULL DEFAULT '',
    plan_file        BYTEA,
    plan_sha256      TEXT NOT NULL DEFAULT '',
    plan_add         INTEGER NOT NULL DEFAULT 0,
    plan_change      INTEGER NOT NULL DEFAULT 0,
    plan_destroy     INTEGER NOT NULL DEFAULT 0,
    findings         TEXT NOT NULL DEFAULT '[]',
    state_serial     BIGINT NOT NULL DEFAULT -1,
    error            TEXT NOT NULL DEFAULT '',
    created_by       BIGINT,
    actor            TEXT NOT NULL DEFAULT '',
    worker           TEXT NOT NULL DEFAULT '',
    agent_id         BIGINT,
    lease_until      TIMESTAMPTZ,
    fence            BIGINT NOT NULL DEFAULT 0,
    token_hash       BYTEA,
    token_expires_at TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX runs_workspace ON runs (workspace_id, id);
CREATE INDEX runs_queue ON runs (status, execution_mode, id);

CREATE TABLE run_logs (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id     BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX run_logs_run ON run_logs (run_id, id);

CREATE TABLE state_versions (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id       BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    serial       BIGINT NOT NULL,
    lineage      TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    data         BYTEA NOT NULL,
    run_id       BIGINT,
    created_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (workspace_id, serial)
);

CREATE TABLE state_locks (
    workspace_id BIGINT PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    lock_id      TEXT NOT NULL,
    info         TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
