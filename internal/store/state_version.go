package store

import (
	"context"
	"database/sql"
	"time"
)

// StateVersion is one Terraform state a workspace has had. Data is the
// state encrypted by internal/tfstate; SHA256 is over the plaintext.
type StateVersion struct {
	ID          int64
	OrgID       int64
	WorkspaceID int64
	Serial      int64
	Lineage     string
	SHA256      string
	Data        []byte
	RunID       int64 // 0: written by a user's own Terraform
	CreatedAt   time.Time
}

const stateVersionColumns = `id, org_id, workspace_id, serial, lineage, sha256, data, run_id, created_at`

func scanStateVersion(s rowScanner) (*StateVersion, error) {
	var v StateVersion
	var run sql.NullInt64
	err := s.Scan(&v.ID, &v.OrgID, &v.WorkspaceID, &v.Serial, &v.Lineage, &v.SHA256, &v.Data, &run, &v.CreatedAt)
	if err != nil {
		return nil, mapError(err)
	}
	v.RunID = run.Int64
	v.CreatedAt = v.CreatedAt.UTC()
	return &v, nil
}

// CreateStateVersion stores a state version of one of the organization's
// workspaces. A serial already stored is ErrConflict.
func (q *Queries) CreateStateVersion(ctx context.Context, orgID int64, v *StateVersion) error {
	v.OrgID = orgID
	v.CreatedAt = nowOr(v.CreatedAt)
	err := q.w.QueryRowContext(ctx, `INSERT INTO state_versions
		(org_id, workspace_id, serial, lineage, sha256, data, run_id, created_at)
		SELECT org_id, id, $3, $4, $5, $6, $7, $8 FROM workspaces WHERE org_id = $1 AND id = $2
		RETURNING id`, orgID, v.WorkspaceID, v.Serial, v.Lineage, v.SHA256, v.Data, nullID(v.RunID),
		v.CreatedAt).Scan(&v.ID)
	return wrap(err, "store state serial %d of workspace %d", v.Serial, v.WorkspaceID)
}

// LatestStateVersion returns the workspace's state with the highest
// serial; a workspace without state is ErrNotFound.
func (q *Queries) LatestStateVersion(ctx context.Context, orgID, wsID int64) (*StateVersion, error) {
	v, err := scanStateVersion(q.r.QueryRowContext(ctx, `SELECT `+stateVersionColumns+` FROM state_versions
		WHERE org_id = $1 AND workspace_id = $2 ORDER BY serial DESC LIMIT 1`, orgID, wsID))
	return v, wrap(err, "get latest state of workspace %d", wsID)
}

// StateVersionBySerial returns one state version of a workspace.
func (q *Queries) StateVersionBySerial(ctx context.Context, orgID, wsID, serial int64) (*StateVersion, error) {
	v, err := scanStateVersion(q.r.QueryRowContext(ctx, `SELECT `+stateVersionColumns+` FROM state_versions
		WHERE org_id = $1 AND workspace_id = $2 AND serial = $3`, orgID, wsID, serial))
	return v, wrap(err, "get state serial %d of workspace %d", serial, wsID)
}

// StateVersions lists a workspace's state versions, newest first, without
// their data.
func (q *Queries) StateVersions(ctx context.Context, orgID, wsID int64) ([]StateVersion, error) {
	rows, err := q.r.QueryContext(ctx, `SELECT id, org_id, workspace_id, serial, lineage, sha256, NULL,
		run_id, created_at FROM state_versions WHERE org_id = $1 AND workspace_id = $2 ORDER BY serial DESC`,
		orgID, wsID)
	if err != nil {
		return nil, wrap(err, "list states of workspace %d", wsID)
	}
	defer rows.Close()
	var out []StateVersion
	for rows.Next() {
		v, err := scanStateVersion(rows)
		if err != nil {
			return nil, wrap(err, "list states of workspace %d", wsID)
		}
		out = append(out, *v)
	}
	return out, wrap(rows.Err(), "list states of workspace %d", wsID)
}
