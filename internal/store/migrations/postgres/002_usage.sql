-- Usage: one row per API or portal request, as the privacy policy promises
-- (prompt text is nulled after the org's retention_days), and per-org daily
-- counters aggregated in memory and upserted in batches. No foreign keys:
-- a batch of records must never be refused because an organization, user
-- or key was deleted meanwhile; deleting an organization deletes its rows
-- explicitly.

CREATE TABLE request_log (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id      BIGINT,
    user_id     BIGINT,
    api_key_id  BIGINT,
    agent_id    TEXT NOT NULL DEFAULT '',
    request_id  TEXT NOT NULL DEFAULT '',
    method      TEXT NOT NULL DEFAULT '',
    route       TEXT NOT NULL,
    status      INTEGER NOT NULL,
    success     BOOLEAN NOT NULL,
    latency_ms  DOUBLE PRECISION NOT NULL,
    ip          TEXT NOT NULL DEFAULT '',
    user_agent  TEXT NOT NULL DEFAULT '',
    browser     TEXT NOT NULL DEFAULT '',
    os          TEXT NOT NULL DEFAULT '',
    referrer    TEXT NOT NULL DEFAULT '',
    prompt      TEXT,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX request_log_org_time ON request_log (org_id, created_at);
CREATE INDEX request_log_prompt ON request_log (org_id, created_at) WHERE prompt IS NOT NULL;

CREATE TABLE usage_daily (
    org_id    BIGINT NOT NULL,
    day       TEXT NOT NULL,
    requests  BIGINT NOT NULL,
    succeeded BIGINT NOT NULL,
    failed    BIGINT NOT NULL,
    PRIMARY KEY (org_id, day)
);
