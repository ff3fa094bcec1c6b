package store

import (
	"context"
	"strconv"
	"time"
)

// RunClaim says which queued run a worker or agent may take and what lease
// it gets.
type RunClaim struct {
	Mode    string // execution mode served: "platform" or "agent"
	OrgID   int64  // 0: any organization (the platform's own workers)
	RunID   int64  // 0: the oldest queued run
	Worker  string // names the holder, e.g. "worker:host:1" or "agent:7"
	AgentID int64
	Now     time.Time
	Until   time.Time // end of the lease, and of the run's state token
	// TokenHash is the SHA-256 of the state-backend password issued to the
	// holder for this run.
	TokenHash []byte
}

// ClaimRun leases the oldest queued run the claim may take: a pending run
// starts planning, an approved one applying. Two claimers never get the
// same run: PostgreSQL skips rows another transaction has locked, SQLite
// has a single writer. No run to take is ErrNotFound.
func (db *DB) ClaimRun(ctx context.Context, c RunClaim) (*Run, error) {
	var out *Run
	err := db.Transact(ctx, func(tx *Tx) error {
		query, args := claimQuery(db.dialect, c)
		var id int64
		var status string
		if err := tx.w.QueryRowContext(ctx, query, args...).Scan(&id, &status); err != nil {
			return mapError(err)
		}
		next := "planning"
		if status == "approved" {
			next = "applying"
		}
		if _, err := tx.w.ExecContext(ctx, `UPDATE runs SET status = $2, worker = $3, agent_id = $4,
			lease_until = $5, token_hash = $6, token_expires_at = $5, updated_at = $7 WHERE id = $1`,
			id, next, c.Worker, nullID(c.AgentID), c.Until.UTC(), c.TokenHash, c.Now.UTC()); err != nil {
			return mapError(err)
		}
		r, err := scanRun(tx.w.QueryRowContext(ctx, `SELECT `+runColumns+` FROM runs WHERE id = $1`, id))
		out = r
		return err
	})
	return out, wrap(err, "claim a %s run", c.Mode)
}

// claimQuery selects the run to claim; it builds only markers and fixed
// clauses, never values.
func claimQuery(d Dialect, c RunClaim) (string, []any) {
	query := `SELECT id, status FROM runs WHERE execution_mode = $1 AND status IN ('pending', 'approved')`
	args := []any{c.Mode}
	if c.OrgID != 0 {
		args = append(args, c.OrgID)
		query += ` AND org_id = $2`
	}
	if c.RunID != 0 {
		args = append(args, c.RunID)
		query += ` AND id = $` + strconv.Itoa(len(args))
	}
	query += ` ORDER BY id LIMIT 1`
	if d == Postgres {
		query += ` FOR UPDATE SKIP LOCKED`
	}
	return query, args
}

// RenewRunLease extends the lease of the holder of a busy run; a run whose
// lease another holder took (or that finished) is ErrConflict.
func (q *Queries) RenewRunLease(ctx context.Context, orgID, id int64, worker string, until time.Time) error {
	res, err := q.w.ExecContext(ctx, `UPDATE runs SET lease_until = $4, token_expires_at = $4
		WHERE org_id = $1 AND id = $2 AND worker = $3 AND status IN ('planning', 'applying')`,
		orgID, id, worker, until.UTC())
	return q.runChanged(ctx, orgID, id, affected(res, err), "renew lease of run %d", id)
}

// ExpiredRuns lists busy runs (planning, applying) whose holder's lease
// ended before now: their worker or agent died.
func (q *Queries) ExpiredRuns(ctx context.Context, now time.Time) ([]Run, error) {
	return q.listRuns(ctx, `SELECT `+runColumns+` FROM runs
		WHERE status IN ('planning', 'applying') AND lease_until < $1 ORDER BY id`, now.UTC())
}

// EndRunLease clears a run's holder and revokes its state token, once the
// run has reached a final or waiting status.
func (q *Queries) EndRunLease(ctx context.Context, orgID, id int64) error {
	_, err := q.w.ExecContext(ctx, `UPDATE runs SET worker = '', lease_until = NULL, token_hash = NULL,
		token_expires_at = NULL WHERE org_id = $1 AND id = $2`, orgID, id)
	return wrap(err, "end lease of run %d", id)
}
