-- Mail: the outbox every message goes through, and password reset tokens.
-- A message is queued (waiting for the SMTP sender), sent, failed (gave up
-- after its attempts) or held (no SMTP server configured: platform admins
-- read it in the portal). org_id and user_id are set when the mail
-- concerns them; marketing mail always names its user.

CREATE TABLE mail_outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id          BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
    user_id         BIGINT REFERENCES users (id) ON DELETE CASCADE,
    category        TEXT NOT NULL CHECK (category IN ('transactional', 'marketing')),
    to_addr         TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'held')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ,
    CHECK (category = 'transactional' OR user_id IS NOT NULL)
);
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
CREATE INDEX mail_outbox_created ON mail_outbox (created_at);

-- Password reset tokens: only the SHA-256 of the mailed token is stored.
CREATE TABLE password_resets (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash BYTEA NOT NULL UNIQUE,
    ip         TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX password_resets_user ON password_resets (user_id, created_at);
