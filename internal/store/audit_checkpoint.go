package store

import (
	"context"
	"strconv"
	"time"
)

// AuditCheckpoint is a signed statement of a chain's head at a time: the
// event with sequence Seq had hash HeadHash. Seq 0 means the chain was
// empty.
type AuditCheckpoint struct {
	ID        int64
	OrgID     int64
	Seq       int64
	HeadHash  []byte
	CreatedAt time.Time
	KeyID     string // identifies the signing key
	Signature []byte
}

const checkpointColumns = `id, org_id, seq, head_hash, created_at, key_id, signature`

// InsertAuditCheckpoint appends a checkpoint and sets its ID.
func (q *Queries) InsertAuditCheckpoint(ctx context.Context, c *AuditCheckpoint) error {
	err := q.w.QueryRowContext(ctx, `INSERT INTO audit_checkpoints
		(org_id, seq, head_hash, created_at, key_id, signature)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		c.OrgID, c.Seq, c.HeadHash, c.CreatedAt.UTC(), c.KeyID, c.Signature).Scan(&c.ID)
	return wrap(err, "append audit checkpoint of chain %d", c.OrgID)
}

// AuditCheckpoints lists a chain's checkpoints in the order written.
func (q *Queries) AuditCheckpoints(ctx context.Context, orgID int64) ([]AuditCheckpoint, error) {
	rows, err := q.r.QueryContext(ctx, `SELECT `+checkpointColumns+` FROM audit_checkpoints
		WHERE org_id = $1 ORDER BY id`, orgID)
	if err != nil {
		return nil, wrap(err, "list checkpoints of chain %d", orgID)
	}
	defer rows.Close()
	var out []AuditCheckpoint
	for rows.Next() {
		var c AuditCheckpoint
		err := rows.Scan(&c.ID, &c.OrgID, &c.Seq, &c.HeadHash, &c.CreatedAt, &c.KeyID, &c.Signature)
		if err != nil {
			return nil, wrap(err, "list checkpoints of chain %d", orgID)
		}
		c.CreatedAt = c.CreatedAt.UTC()
		out = append(out, c)
	}
	return out, wrap(rows.Err(), "list checkpoints of chain %d", orgID)
}

// LatestAuditCheckpoint returns a chain's newest checkpoint; none is
// ErrNotFound.
func (q *Queries) LatestAuditCheckpoint(ctx context.Context, orgID int64) (*AuditCheckpoint, error) {
	var c AuditCheckpoint
	err := q.r.QueryRowContext(ctx, `SELECT `+checkpointColumns+` FROM audit_checkpoints
		WHERE org_id = $1 ORDER BY id DESC LIMIT 1`, orgID).
		Scan(&c.ID, &c.OrgID, &c.Seq, &c.HeadHash, &c.CreatedAt, &c.KeyID, &c.Signature)
	if err != nil {
		return nil, wrap(err, "read latest checkpoint of chain %d", orgID)
	}
	c.CreatedAt = c.CreatedAt.UTC()
	return &c, nil
}

func itoa(n int) string { return strconv.Itoa(n) }
