package store

import (
	"context"
	"database/sql"
	"time"
)

// Agent is a registered Local Agent: one installation on a user's machine,
// with the OS, architecture and version it last reported.
type Agent struct {
	ID         int64
	OrgID      int64
	Name       string
	OS         string
	Arch       string
	Version    string
	CreatedBy  int64
	CreatedAt  time.Time
	LastSeenAt time.Time
}

const agentColumns = `id, org_id, name, os, arch, version, created_by, created_at, last_seen_at`

func scanAgent(s rowScanner) (*Agent, error) {
	var a Agent
	var by sql.NullInt64
	err := s.Scan(&a.ID, &a.OrgID, &a.Name, &a.OS, &a.Arch, &a.Version, &by, &a.CreatedAt, &a.LastSeenAt)
	if err != nil {
		return nil, mapError(err)
	}
	a.CreatedBy = by.Int64
	a.CreatedAt, a.LastSeenAt = a.CreatedAt.UTC(), a.LastSeenAt.UTC()
	return &a, nil
}

// CreateAgent registers an agent in orgID and sets its ID.
func (q *Queries) CreateAgent(ctx context.Context, orgID int64, a *Agent) error {
	a.OrgID = orgID
	a.CreatedAt = nowOr(a.CreatedAt)
	a.LastSeenAt = a.CreatedAt
	err := q.w.QueryRowContext(ctx, `INSERT INTO agents (org_id, name, os, arch, version, created_by,
		created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
		orgID, a.Name, a.OS, a.Arch, a.Version, nullID(a.CreatedBy), a.CreatedAt).Scan(&a.ID)
	return wrap(err, "register agent in org %d", orgID)
}

// AgentByID returns one of an organization's agents.
func (q *Queries) AgentByID(ctx context.Context, orgID, id int64) (*Agent, error) {
	a, err := scanAgent(q.r.QueryRowContext(ctx,
		`SELECT `+agentColumns+` FROM agents WHERE org_id = $1 AND id = $2`, orgID, id))
	return a, wrap(err, "get agent %d of org %d", id, orgID)
}

// Agents lists an organization's agents, most recently seen first.
func (q *Queries) Agents(ctx context.Context, orgID int64) ([]Agent, error) {
	rows, err := q.r.QueryContext(ctx,
		`SELECT `+agentColumns+` FROM agents WHERE org_id = $1 ORDER BY last_seen_at DESC`, orgID)
	if err != nil {
		return nil, wrap(err, "list agents of org %d", orgID)
	}
	defer rows.Close()
	var out []Agent
	for rows.Next() {
		a, err := scanAgent(rows)
		if err != nil {
			return nil, wrap(err, "list agents of org %d", orgID)
		}
		out = append(out, *a)
	}
	return out, wrap(rows.Err(), "list agents of org %d", orgID)
}

// TouchAgent records a heartbeat: the time and what the agent reports
// about itself ("" keeps the stored value).
func (q *Queries) TouchAgent(ctx context.Context, orgID, id int64, os, arch, version string, at time.Time) error {
	res, err := q.w.ExecContext(ctx, `UPDATE agents SET last_seen_at = $3,
		os = CASE WHEN $4 = '' THEN os ELSE $4 END, arch = CASE WHEN $5 = '' THEN arch ELSE $5 END,
		version = CASE WHEN $6 = '' THEN version ELSE $6 END WHERE org_id = $1 AND id = $2`,
		orgID, id, at.UTC(), os, arch, version)
	return wrap(affected(res, err), "touch agent %d of org %d", id, orgID)
}
