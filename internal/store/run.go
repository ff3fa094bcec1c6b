package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"
)

// Run is one plan (and, once approved, apply) of a workspace. The plan
// artifact — rendered config, spec snapshot, plan JSON and plan file with
// its SHA-256 — is written once, when the run is planned.
type Run struct {
	ID            int64
	OrgID         int64
	WorkspaceID   int64
	Operation     string // "apply" or "destroy"
	Status        string
	ExecutionMode string
	Prompt        string
	Spec          string // spec.Stack JSON snapshot
	Config        string // the rendered configuration files as a JSON object
	ConfigSHA256  string
	PlanJSON      string
	PlanFile      []byte
	PlanSHA256    string
	PlanAdd       int
	PlanChange    int
	PlanDestroy   int
	PlanImport    int
	Findings      string // JSON array
	StateSerial   int64  // the state serial the plan was made against; -1: no state
	Error         string
	CreatedBy     int64
	Actor         string // "user:1", "api_key:3"
	Worker        string // the worker or agent holding the run
	AgentID       int64
	LeaseUntil    *time.Time
	Fence         int64 // the workspace apply lease's token while applying
	TokenHash     []byte
	TokenExpires  *time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

const runColumns = `id, org_id, workspace_id, operation, status, execution_mode, prompt, spec, config,
	config_sha256, plan_json, plan_file, plan_sha256, plan_add, plan_change, plan_destroy, plan_import, findings,
	state_serial, error, created_by, actor, worker, agent_id, lease_until, fence, token_hash,
	token_expires_at, created_at, updated_at`

func scanRun(s rowScanner) (*Run, error) {
	var r Run
	var by, agent sql.NullInt64
	var lease, tokExp sql.NullTime
	err := s.Scan(&r.ID, &r.OrgID, &r.WorkspaceID, &r.Operation, &r.Status, &r.ExecutionMode, &r.Prompt,
		&r.Spec, &r.Config, &r.ConfigSHA256, &r.PlanJSON, &r.PlanFile, &r.PlanSHA256, &r.PlanAdd,
		&r.PlanChange, &r.PlanDestroy, &r.PlanImport, &r.Findings, &r.StateSerial, &r.Error, &by, &r.Actor, &r.Worker,
		&agent, &lease, &r.Fence, &r.TokenHash, &tokExp, &r.CreatedAt, &r.UpdatedAt)
	if err != nil {
		return nil, mapError(err)
	}
	r.CreatedBy, r.AgentID = by.Int64, agent.Int64
	r.LeaseUntil, r.TokenExpires = timePtr(lease), timePtr(tokExp)
	r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	return &r, nil
}

// CreateRun inserts a run into orgID and sets its ID.
func (q *Queries) CreateRun(ctx context.Context, orgID int64, r *Run) error {
	r.OrgID = orgID
	r.CreatedAt = nowOr(r.CreatedAt)
	r.UpdatedAt = r.CreatedAt
	if r.Findings == "" {
		r.Findings = "[]"
	}
	err := q.w.QueryRowContext(ctx, `INSERT INTO runs (org_id, workspace_id, operation, status,
		execution_mode, prompt, spec, config, config_sha256, findings, state_serial, created_by, actor,
		created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
		RETURNING id`, orgID, r.WorkspaceID, r.Operation, r.Status, r.ExecutionMode, r.Prompt, r.Spec,
		r.Config, r.ConfigSHA256, r.Findings, r.StateSerial, nullID(r.CreatedBy), r.Actor,
		r.CreatedAt).Scan(&r.ID)
	return wrap(err, "create run in org %d", orgID)
}

// Run returns one of an organization's runs.
func (q *Queries) Run(ctx context.Context, orgID, id int64) (*Run, error) {
	r, err := scanRun(q.r.QueryRowContext(ctx,
		`SELECT `+runColumns+` FROM runs WHERE org_id = $1 AND id = $2`, orgID, id))
	return r, wrap(err, "get run %d of org %d", id, orgID)
}

// RunByTokenHash finds the run a state-backend credential was issued to;
// the token is the credential, so no organization is given. Check
// TokenExpires.
func (q *Queries) RunByTokenHash(ctx context.Context, hash []byte) (*Run, error) {
	r, err := scanRun(q.r.QueryRowContext(ctx,
		`SELECT `+runColumns+` FROM runs WHERE token_hash = $1`, hash))
	return r, wrap(err, "get run by token")
}

// WorkspaceRuns lists a workspace's runs, newest first, at most limit;
// before, when not 0, starts after that run (the next page).
func (q *Queries) WorkspaceRuns(ctx context.Context, orgID, wsID, before int64, limit int) ([]Run, error) {
	return q.listRuns(ctx, `SELECT `+runColumns+` FROM runs WHERE org_id = $1 AND workspace_id = $2
		AND (id < $3 OR $3 = 0) ORDER BY id DESC LIMIT $4`, orgID, wsID, before, limit)
}

func (q *Queries) listRuns(ctx context.Context, query string, args ...any) ([]Run, error) {
	rows, err := q.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, wrap(err, "list runs")
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, wrap(err, "list runs")
		}
		out = append(out, *r)
	}
	return out, wrap(rows.Err(), "list runs")
}

// SetRunStatus moves a run from one of the statuses in from to status,
// recording errText. A run in another status is ErrConflict.
func (q *Queries) SetRunStatus(ctx context.Context, orgID, id int64, from []string, status, errText string, at time.Time) error {
	args := []any{orgID, id, status, errText, at.UTC()}
	marks := make([]string, len(from))
	for i, f := range from {
		args = append(args, f)
		marks[i] = "$" + strconv.Itoa(len(args))
	}
	res, err := q.w.ExecContext(ctx, `UPDATE runs SET status = $3, error = $4, updated_at = $5
		WHERE org_id = $1 AND id = $2 AND status IN (`+strings.Join(marks, ", ")+`)`, args...)
	return q.runChanged(ctx, orgID, id, affected(res, err), "set status of run %d", id)
}

// runChanged turns "no row changed" into ErrNotFound when the run does not
// exist in orgID and ErrConflict when it does (it was in another state).
func (q *Queries) runChanged(ctx context.Context, orgID, id int64, err error, format string, args ...any) error {
	if !errors.Is(err, ErrNotFound) {
		return wrap(err, format, args...)
	}
	if _, gerr := q.Run(ctx, orgID, id); gerr != nil {
		return gerr
	}
	return wrap(ErrConflict, format, args...)
}

// RunPlan is what a finished plan writes to its run.
type RunPlan struct {
	Config, ConfigSHA256 string
	PlanJSON             string
	PlanFile             []byte
	PlanSHA256           string
	Add, Change, Destroy int
	Import               int
	StateSerial          int64
}

// SetRunPlanned stores a plan artifact on a run that is planning and marks
// it planned. The artifact is written once: a run in another status is
// ErrConflict.
func (q *Queries) SetRunPlanned(ctx context.Context, orgID, id int64, p RunPlan, at time.Time) error {
	res, err := q.w.ExecContext(ctx, `UPDATE runs SET status = 'planned', config = $3, config_sha256 = $4,
		plan_json = $5, plan_file = $6, plan_sha256 = $7, plan_add = $8, plan_change = $9,
		plan_destroy = $10, state_serial = $11, updated_at = $12, worker = '', lease_until = NULL, plan_import = $13
		WHERE org_id = $1 AND id = $2 AND status = 'planning'`, orgID, id, p.Config, p.ConfigSHA256,
		p.PlanJSON, p.PlanFile, p.PlanSHA256, p.Add, p.Change, p.Destroy, p.StateSerial, at.UTC(), p.Import)
	return q.runChanged(ctx, orgID, id, affected(res, err), "store plan of run %d", id)
}

// SetRunConfig records the configuration a busy run is planned with and
// the state serial it starts from (for an agent, rendered at its claim).
func (q *Queries) SetRunConfig(ctx context.Context, orgID, id int64, config, sha string, serial int64) error {
	res, err := q.w.ExecContext(ctx, `UPDATE runs SET config = $3, config_sha256 = $4, state_serial = $5
		WHERE org_id = $1 AND id = $2 AND status = 'planning'`, orgID, id, config, sha, serial)
	return q.runChanged(ctx, orgID, id, affected(res, err), "set config of run %d", id)
}

// SetRunFence records the apply lease's fencing token on an applying run.
func (q *Queries) SetRunFence(ctx context.Context, orgID, id, fence int64) error {
	res, err := q.w.ExecContext(ctx, `UPDATE runs SET fence = $3 WHERE org_id = $1 AND id = $2`, orgID, id, fence)
	return wrap(affected(res, err), "set fence of run %d", id)
}
