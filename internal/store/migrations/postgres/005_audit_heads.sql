-- The head of every audit chain, kept by the writer in the same
-- transaction as the events, so that checkpointing reads one row per chain
-- instead of aggregating the whole log. checkpointed_seq is the head last
-- signed. Not trusted by the verifier, which reads the events themselves.

CREATE TABLE audit_heads (
    org_id           BIGINT PRIMARY KEY,
    seq              BIGINT NOT NULL,
    hash             BYTEA NOT NULL,
    checkpointed_seq BIGINT NOT NULL DEFAULT 0
);

INSERT INTO audit_heads (org_id, seq, hash)
SELECT org_id, seq, hash FROM audit_events
WHERE (org_id, seq) IN (SELECT org_id, max(seq) FROM audit_events GROUP BY org_id);
