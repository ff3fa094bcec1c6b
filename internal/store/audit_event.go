package store

import (
	"context"
	"slices"
	"strings"
	"time"
)

// AuditEvent is one stored link of an audit hash chain. The audit package
// computes PrevHash and Hash; the store keeps them as they are.
type AuditEvent struct {
	OrgID      int64 // 0 is the platform's chain
	Seq        int64 // 1, 2, 3, ... within the chain
	CreatedAt  time.Time
	ActorType  string
	ActorID    string
	ActorLabel string
	Action     string
	TargetType string
	TargetID   string
	Details    string // canonical JSON
	PrevHash   []byte
	Hash       []byte
}

const auditEventColumns = `org_id, seq, created_at, actor_type, actor_id, actor_label, action,
	target_type, target_id, details, prev_hash, hash`

const auditEventBatch = 1000 // rows per INSERT: 12 000 parameters

func scanAuditEvent(s rowScanner, e *AuditEvent) error {
	err := s.Scan(&e.OrgID, &e.Seq, &e.CreatedAt, &e.ActorType, &e.ActorID, &e.ActorLabel,
		&e.Action, &e.TargetType, &e.TargetID, &e.Details, &e.PrevHash, &e.Hash)
	e.CreatedAt = e.CreatedAt.UTC()
	return mapError(err)
}

// AuditHead returns the last event of a chain; an empty chain is
// ErrNotFound.
func (q *Queries) AuditHead(ctx context.Context, orgID int64) (*AuditEvent, error) {
	var e AuditEvent
	err := scanAuditEvent(q.r.QueryRowContext(ctx, `SELECT `+auditEventColumns+`
		FROM audit_events WHERE org_id = $1 ORDER BY seq DESC LIMIT 1`, orgID), &e)
	if err != nil {
		return nil, wrap(err, "read audit head of chain %d", orgID)
	}
	return &e, nil
}

// AuditChainHead is a chain's head as the audit_heads table keeps it.
type AuditChainHead struct {
	OrgID           int64
	Seq             int64
	Hash            []byte
	CheckpointedSeq int64 // the head last signed
}

// SetAuditHeads records new chain heads in the same transaction as their
// events. A head never moves backwards.
func (q *Queries) SetAuditHeads(ctx context.Context, heads []AuditChainHead) error {
	for _, h := range heads {
		_, err := q.w.ExecContext(ctx, `INSERT INTO audit_heads (org_id, seq, hash) VALUES ($1, $2, $3)
			ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
			WHERE audit_heads.seq < excluded.seq`, h.OrgID, h.Seq, h.Hash)
		if err != nil {
			return wrap(err, "set audit head of chain %d", h.OrgID)
		}
	}
	return nil
}

// UncheckpointedAuditHeads returns the heads that moved since they were
// last signed, plus chain orgID always (the platform heartbeat), if it
// has a head.
func (q *Queries) UncheckpointedAuditHeads(ctx context.Context, always int64) ([]AuditChainHead, error) {
	rows, err := q.r.QueryContext(ctx, `SELECT org_id, seq, hash, checkpointed_seq FROM audit_heads
		WHERE seq <> checkpointed_seq OR org_id = $1 ORDER BY org_id`, always)
	if err != nil {
		return nil, wrap(err, "read audit heads")
	}
	defer rows.Close()
	var out []AuditChainHead
	for rows.Next() {
		var h AuditChainHead
		if err := rows.Scan(&h.OrgID, &h.Seq, &h.Hash, &h.CheckpointedSeq); err != nil {
			return nil, wrap(err, "read audit heads")
		}
		out = append(out, h)
	}
	return out, wrap(rows.Err(), "read audit heads")
}

// MarkAuditCheckpointed records that a chain's head at seq was signed.
func (q *Queries) MarkAuditCheckpointed(ctx context.Context, orgID, seq int64) error {
	_, err := q.w.ExecContext(ctx, `UPDATE audit_heads SET checkpointed_seq = $2
		WHERE org_id = $1 AND checkpointed_seq < $2`, orgID, seq)
	return wrap(err, "mark chain %d checkpointed", orgID)
}

// InsertAuditEvents appends events with multi-row INSERTs; run it in a
// Tx. A sequence number already taken (another writer got there first) is
// ErrConflict.
func (q *Queries) InsertAuditEvents(ctx context.Context, events []AuditEvent) error {
	for start := 0; start < len(events); start += auditEventBatch {
		chunk := events[start:min(start+auditEventBatch, len(events))]
		args := make([]any, 0, len(chunk)*12)
		for _, e := range chunk {
			args = append(args, e.OrgID, e.Seq, e.CreatedAt.UTC(), e.ActorType, e.ActorID,
				e.ActorLabel, e.Action, e.TargetType, e.TargetID, e.Details, e.PrevHash, e.Hash)
		}
		_, err := q.w.ExecContext(ctx, `INSERT INTO audit_events (`+auditEventColumns+`) VALUES `+
			q.placeholders(len(chunk), 12), args...)
		if err != nil {
			return wrap(err, "append %d audit events", len(chunk))
		}
	}
	return nil
}

// AuditFilter narrows a listing of a chain. Zero fields do not filter.
type AuditFilter struct {
	AfterSeq   int64 // events with seq > AfterSeq, for pagination
	Limit      int   // 0 means 100
	ActorType  string
	ActorID    string
	Action     string // exact, or a prefix ending in "." ("auth." matches "auth.login")
	TargetType string
	TargetID   string
	From, To   time.Time // created_at in [From, To)
}

// AuditEvents lists a chain's events in sequence order.
func (q *Queries) AuditEvents(ctx context.Context, orgID int64, f AuditFilter) ([]AuditEvent, error) {
	where, args := auditWhere(orgID, f)
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	args = append(args, limit)
	return q.queryAuditEvents(ctx, `SELECT `+auditEventColumns+` FROM audit_events WHERE `+
		where+` ORDER BY seq LIMIT $`+itoa(len(args)), args...)
}

// auditWhere builds the WHERE clause of a filter from constant fragments,
// with every value a parameter.
func auditWhere(orgID int64, f AuditFilter) (string, []any) {
	where, args := []string{"org_id = $1", "seq > $2"}, []any{orgID, f.AfterSeq}
	add := func(cond string, vs ...any) { // each ? becomes the next $N
		for _, v := range vs {
			args = append(args, v)
			cond = strings.Replace(cond, "?", "$"+itoa(len(args)), 1)
		}
		where = append(where, cond)
	}
	for _, c := range []struct{ col, v string }{{"actor_type", f.ActorType}, {"actor_id", f.ActorID},
		{"target_type", f.TargetType}, {"target_id", f.TargetID}} {
		if c.v != "" {
			add(c.col+" = ?", c.v)
		}
	}
	if prefix, ok := strings.CutSuffix(f.Action, "."); ok {
		add("substr(action, 1, ?) = ?", len(prefix)+1, prefix+".")
	} else if f.Action != "" {
		add("action = ?", f.Action)
	}
	if !f.From.IsZero() {
		add("created_at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		add("created_at < ?", f.To.UTC())
	}
	return strings.Join(where, " AND "), args
}

// ScanAuditChain calls fn for every event of a chain in sequence order,
// reading in pages so that a long chain is never held in memory.
func (q *Queries) ScanAuditChain(ctx context.Context, orgID int64, fn func(*AuditEvent) error) error {
	var after int64 = -1 << 62
	for {
		page, err := q.queryAuditEvents(ctx, `SELECT `+auditEventColumns+` FROM audit_events
			WHERE org_id = $1 AND seq > $2 ORDER BY seq LIMIT 5000`, orgID, after)
		if err != nil {
			return err
		}
		for i := range page {
			if err := fn(&page[i]); err != nil {
				return err
			}
		}
		if len(page) < 5000 {
			return nil
		}
		after = page[len(page)-1].Seq
	}
}

func (q *Queries) queryAuditEvents(ctx context.Context, query string, args ...any) ([]AuditEvent, error) {
	rows, err := q.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, wrap(err, "list audit events")
	}
	defer rows.Close()
	var out []AuditEvent
	for rows.Next() {
		var e AuditEvent
		if err := scanAuditEvent(rows, &e); err != nil {
			return nil, wrap(err, "list audit events")
		}
		out = append(out, e)
	}
	return out, wrap(rows.Err(), "list audit events")
}

// AuditChains lists every chain that has events or checkpoints.
func (q *Queries) AuditChains(ctx context.Context) ([]int64, error) {
	rows, err := q.r.QueryContext(ctx, `SELECT org_id FROM audit_events
		UNION SELECT org_id FROM audit_checkpoints ORDER BY 1`)
	if err != nil {
		return nil, wrap(err, "list audit chains")
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, wrap(err, "list audit chains")
		}
		out = append(out, id)
	}
	return out, wrap(rows.Err(), "list audit chains")
}

// auditLockClass is the first key of the PostgreSQL advisory locks that
// serialize writers of one chain.
const auditLockClass = 0x5CA0D17

// LockAuditChains makes concurrent writers of the same chains (replicas)
// take turns until the transaction ends, instead of racing for sequence
// numbers: on PostgreSQL with transaction-scoped advisory locks, taken in
// ascending order so that two batches cannot deadlock; on SQLite the write
// transaction already excludes every other writer. Call it first in the
// Tx.
func (q *Queries) LockAuditChains(ctx context.Context, orgIDs []int64) error {
	if q.dialect != Postgres {
		return nil
	}
	keys := make([]int32, len(orgIDs))
	for i, id := range orgIDs {
		keys[i] = int32(id) // a collision only makes two chains take turns
	}
	slices.Sort(keys)
	_, err := q.w.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1, k)
		FROM (SELECT DISTINCT k FROM unnest($2::int4[]) AS u(k) ORDER BY k) AS s`,
		auditLockClass, slices.Compact(keys))
	if err != nil {
		return wrap(err, "lock audit chains")
	}
	return nil
}
