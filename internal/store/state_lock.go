package store

import (
	"context"
	"errors"
	"time"
)

// StateLock is the Terraform state lock of a workspace: the lock ID
// Terraform chose and its LockInfo JSON, returned to whoever finds it held.
type StateLock struct {
	WorkspaceID int64
	LockID      string
	Info        string
	CreatedAt   time.Time
}

// LockState takes the workspace's state lock. A lock already held is
// ErrConflict; a workspace of another organization is ErrNotFound.
func (q *Queries) LockState(ctx context.Context, orgID int64, l *StateLock) error {
	l.CreatedAt = nowOr(l.CreatedAt)
	res, err := q.w.ExecContext(ctx, `INSERT INTO state_locks (workspace_id, lock_id, info, created_at)
		SELECT id, $3, $4, $5 FROM workspaces WHERE org_id = $1 AND id = $2`,
		orgID, l.WorkspaceID, l.LockID, l.Info, l.CreatedAt)
	return wrap(affected(res, err), "lock state of workspace %d", l.WorkspaceID)
}

// StateLockOf returns the workspace's state lock; none is ErrNotFound.
func (q *Queries) StateLockOf(ctx context.Context, orgID, wsID int64) (*StateLock, error) {
	var l StateLock
	err := q.r.QueryRowContext(ctx, `SELECT l.workspace_id, l.lock_id, l.info, l.created_at
		FROM state_locks l JOIN workspaces w ON w.id = l.workspace_id
		WHERE w.org_id = $1 AND l.workspace_id = $2`, orgID, wsID).
		Scan(&l.WorkspaceID, &l.LockID, &l.Info, &l.CreatedAt)
	if err != nil {
		return nil, wrap(err, "get state lock of workspace %d", wsID)
	}
	l.CreatedAt = l.CreatedAt.UTC()
	return &l, nil
}

// UnlockState releases the lock with lockID ("" releases any lock: a
// forced unlock). A lock held under another ID is ErrConflict; no lock is
// ErrNotFound.
func (q *Queries) UnlockState(ctx context.Context, orgID, wsID int64, lockID string) error {
	res, err := q.w.ExecContext(ctx, `DELETE FROM state_locks WHERE workspace_id = $2
		AND ($3 = '' OR lock_id = $3)
		AND workspace_id IN (SELECT id FROM workspaces WHERE org_id = $1)`, orgID, wsID, lockID)
	err = affected(res, err)
	if errors.Is(err, ErrNotFound) {
		if _, gerr := q.StateLockOf(ctx, orgID, wsID); gerr == nil {
			return wrap(ErrConflict, "unlock state of workspace %d: held under another ID", wsID)
		}
	}
	return wrap(err, "unlock state of workspace %d", wsID)
}
