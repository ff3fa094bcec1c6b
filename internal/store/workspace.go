package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Workspace is one stack of an organization: where it runs and the spec a
// conversation edits. The apply lease (ApplyRunID until ApplyLeaseUntil,
// with the fencing token ApplyFence) lets one apply at a time touch it.
type Workspace struct {
	ID              int64
	OrgID           int64
	Name            string
	Region          string
	ConnectionID    int64 // 0: none
	ExecutionMode   string
	Spec            string // the current spec.Stack as JSON; "" before the first ask
	CreatedBy       int64
	CreatedAt       time.Time
	UpdatedAt       time.Time
	ApplyRunID      int64
	ApplyLeaseUntil *time.Time
	ApplyFence      int64
}

const workspaceColumns = `id, org_id, name, region, connection_id, execution_mode, spec, created_by,
	created_at, updated_at, apply_run_id, apply_lease_until, apply_fence`

func scanWorkspace(s rowScanner) (*Workspace, error) {
	var w Workspace
	var conn, by, applyRun sql.NullInt64
	var lease sql.NullTime
	err := s.Scan(&w.ID, &w.OrgID, &w.Name, &w.Region, &conn, &w.ExecutionMode, &w.Spec, &by,
		&w.CreatedAt, &w.UpdatedAt, &applyRun, &lease, &w.ApplyFence)
	if err != nil {
		return nil, mapError(err)
	}
	w.ConnectionID, w.CreatedBy, w.ApplyRunID = conn.Int64, by.Int64, applyRun.Int64
	w.CreatedAt, w.UpdatedAt = w.CreatedAt.UTC(), w.UpdatedAt.UTC()
	w.ApplyLeaseUntil = timePtr(lease)
	return &w, nil
}

// CreateWorkspace inserts a workspace into orgID and sets its ID. A name
// already used in the organization is ErrConflict; a connection that does
// not exist is ErrReference.
func (q *Queries) CreateWorkspace(ctx context.Context, orgID int64, w *Workspace) error {
	w.OrgID = orgID
	w.CreatedAt = nowOr(w.CreatedAt)
	w.UpdatedAt = w.CreatedAt
	err := q.w.QueryRowContext(ctx, `INSERT INTO workspaces
		(org_id, name, region, connection_id, execution_mode, spec, created_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
		orgID, w.Name, w.Region, nullID(w.ConnectionID), w.ExecutionMode, w.Spec, nullID(w.CreatedBy),
		w.CreatedAt).Scan(&w.ID)
	return wrap(err, "create workspace in org %d", orgID)
}

// Workspace returns one of an organization's workspaces.
func (q *Queries) Workspace(ctx context.Context, orgID, id int64) (*Workspace, error) {
	w, err := scanWorkspace(q.r.QueryRowContext(ctx,
		`SELECT `+workspaceColumns+` FROM workspaces WHERE org_id = $1 AND id = $2`, orgID, id))
	return w, wrap(err, "get workspace %d of org %d", id, orgID)
}

// Workspaces lists an organization's workspaces by name.
func (q *Queries) Workspaces(ctx context.Context, orgID int64) ([]Workspace, error) {
	rows, err := q.r.QueryContext(ctx,
		`SELECT `+workspaceColumns+` FROM workspaces WHERE org_id = $1 ORDER BY name`, orgID)
	if err != nil {
		return nil, wrap(err, "list workspaces of org %d", orgID)
	}
	defer rows.Close()
	var out []Workspace
	for rows.Next() {
		w, err := scanWorkspace(rows)
		if err != nil {
			return nil, wrap(err, "list workspaces of org %d", orgID)
		}
		out = append(out, *w)
	}
	return out, wrap(rows.Err(), "list workspaces of org %d", orgID)
}

// SetWorkspaceSpec replaces a workspace's current spec (JSON).
func (q *Queries) SetWorkspaceSpec(ctx context.Context, orgID, id int64, spec string, at time.Time) error {
	res, err := q.w.ExecContext(ctx, `UPDATE workspaces SET spec = $3, updated_at = $4
		WHERE org_id = $1 AND id = $2`, orgID, id, spec, at.UTC())
	return wrap(affected(res, err), "set spec of workspace %d of org %d", id, orgID)
}

// AcquireApplyLease gives runID the workspace's apply lease until until,
// when no other run holds an unexpired one, and returns the new fencing
// token (one more than any before). A lease held by another run is
// ErrConflict.
func (q *Queries) AcquireApplyLease(ctx context.Context, orgID, wsID, runID int64, now, until time.Time) (int64, error) {
	var fence int64
	err := q.w.QueryRowContext(ctx, `UPDATE workspaces
		SET apply_run_id = $3, apply_lease_until = $5, apply_fence = apply_fence + 1
		WHERE org_id = $1 AND id = $2
		AND (apply_run_id IS NULL OR apply_run_id = $3 OR apply_lease_until < $4)
		RETURNING apply_fence`, orgID, wsID, runID, now.UTC(), until.UTC()).Scan(&fence)
	if errors.Is(mapError(err), ErrNotFound) {
		if _, gerr := q.Workspace(ctx, orgID, wsID); gerr != nil {
			return 0, gerr
		}
		return 0, wrap(ErrConflict, "apply lease of workspace %d is held", wsID)
	}
	return fence, wrap(err, "acquire apply lease of workspace %d", wsID)
}

// RenewApplyLease extends the lease of the run holding fence; a lease
// taken over since (another fence) is ErrConflict.
func (q *Queries) RenewApplyLease(ctx context.Context, orgID, wsID, runID, fence int64, until time.Time) error {
	res, err := q.w.ExecContext(ctx, `UPDATE workspaces SET apply_lease_until = $5
		WHERE org_id = $1 AND id = $2 AND apply_run_id = $3 AND apply_fence = $4`,
		orgID, wsID, runID, fence, until.UTC())
	if err := affected(res, err); errors.Is(err, ErrNotFound) {
		return wrap(ErrConflict, "apply lease of workspace %d was taken over", wsID)
	} else if err != nil {
		return wrap(err, "renew apply lease of workspace %d", wsID)
	}
	return nil
}

// ReleaseApplyLease ends runID's lease; releasing a lease the run no longer
// holds does nothing.
func (q *Queries) ReleaseApplyLease(ctx context.Context, orgID, wsID, runID int64) error {
	_, err := q.w.ExecContext(ctx, `UPDATE workspaces SET apply_run_id = NULL, apply_lease_until = NULL
		WHERE org_id = $1 AND id = $2 AND apply_run_id = $3`, orgID, wsID, runID)
	return wrap(err, "release apply lease of workspace %d", wsID)
}
