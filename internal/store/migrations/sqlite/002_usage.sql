-- Usage: one row per API or portal request, as the privacy policy promises
-- (prompt text is nulled after the org's retention_days), and per-org daily
-- counters aggregated in memory and upserted in batches. No foreign keys:
-- a batch of records must never be refused because an organization, user
-- or key was deleted meanwhile; deleting an organization deletes its rows
-- explicitly.

CREATE TABLE request_log (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER,
    user_id     INTEGER,
    api_key_id  INTEGER,
    agent_id    TEXT NOT NULL DEFAULT '',
    request_id  TEXT NOT NULL DEFAULT '',
    method      TEXT NOT NULL DEFAULT '',
    route       TEXT NOT NULL,
    status      INTEGER NOT NULL,
    success     BOOLEAN NOT NULL,
    latency_ms  REAL NOT NULL,
    ip          TEXT NOT NULL DEFAULT '',
    user_agent  TEXT NOT NULL DEFAULT '',
    browser     TEXT NOT NULL DEFAULT '',
    os          TEXT NOT NULL DEFAULT '',
    referrer    TEXT NOT NULL DEFAULT '',
    prompt      TEXT,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX request_log_org_time ON request_log (org_id, created_at);
CREATE INDEX request_log_prompt ON request_log (org_id, created_at) WHERE prompt IS NOT NULL;

CREATE TABLE usage_daily (
    org_id    INTEGER NOT NULL,
    day       TEXT NOT NULL,
    requests  INTEGER NOT NULL,
    succeeded INTEGER NOT NULL,
    failed    INTEGER NOT NULL,
    PRIMARY KEY (org_id, day)
);
