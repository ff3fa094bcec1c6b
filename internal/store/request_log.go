package store

import (
	"context"
	"database/sql"
	"time"
)

// RequestLog is one API or portal request, as the privacy policy promises
// to record it. Zero IDs are stored as NULL.
type RequestLog struct {
	ID        int64
	OrgID     int64
	UserID    int64
	APIKeyID  int64
	AgentID   string
	RequestID string
	Method    string
	Route     string // the route pattern, e.g. "POST /api/v1/generate"
	Status    int
	Success   bool
	LatencyMS float64
	IP        string
	UserAgent string
	Browser   string
	OS        string
	Referrer  string
	Prompt    *string // nil when none, or after retention purged it
	CreatedAt time.Time
}

const requestLogColumns = 17

// requestLogBatch bounds the rows of one INSERT statement, well under
// SQLite's limit of 32766 parameters.
const requestLogBatch = 500

// InsertRequestLogs inserts rows with multi-row INSERTs. Run it in a Tx
// to make the whole batch one commit.
func (q *Queries) InsertRequestLogs(ctx context.Context, logs []RequestLog) error {
	for start := 0; start < len(logs); start += requestLogBatch {
		chunk := logs[start:min(start+requestLogBatch, len(logs))]
		args := make([]any, 0, len(chunk)*requestLogColumns)
		for _, l := range chunk {
			var prompt any
			if l.Prompt != nil {
				prompt = *l.Prompt
			}
			args = append(args, nullID(l.OrgID), nullID(l.UserID), nullID(l.APIKeyID), l.AgentID,
				l.RequestID, l.Method, l.Route, l.Status, l.Success, l.LatencyMS, l.IP, l.UserAgent,
				l.Browser, l.OS, l.Referrer, prompt, nowOr(l.CreatedAt))
		}
		_, err := q.w.ExecContext(ctx, `INSERT INTO request_log (org_id, user_id, api_key_id,
			agent_id, request_id, method, route, status, success, latency_ms, ip, user_agent,
			browser, os, referrer, prompt, created_at) VALUES `+
			q.placeholders(len(chunk), requestLogColumns), args...)
		if err != nil {
			return wrap(err, "insert %d request log rows", len(chunk))
		}
	}
	return nil
}

// UsageRow is the part of a request log row that usage reports need,
// with the key's name and the user's email for group labels.
type UsageRow struct {
	APIKeyID   int64
	APIKeyName string
	UserID     int64
	UserEmail  string
	AgentID    string
	Success    bool
	LatencyMS  float64
	CreatedAt  time.Time
}

// UsageRows returns an organization's requests in [from, to), oldest
// first.
func (q *Queries) UsageRows(ctx context.Context, orgID int64, from, to time.Time) ([]UsageRow, error) {
	rows, err := q.r.QueryContext(ctx, `SELECT r.api_key_id, k.name, r.user_id, u.email,
			r.agent_id, r.success, r.latency_ms, r.created_at
		FROM request_log r
		LEFT JOIN api_keys k ON k.id = r.api_key_id AND k.org_id = r.org_id
		LEFT JOIN users u ON u.id = r.user_id
		WHERE r.org_id = $1 AND r.created_at >= $2 AND r.created_at < $3
		ORDER BY r.created_at, r.id`, orgID, from.UTC(), to.UTC())
	if err != nil {
		return nil, wrap(err, "read usage of org %d", orgID)
	}
	defer rows.Close()
	var out []UsageRow
	for rows.Next() {
		var u UsageRow
		var key, user sql.NullInt64
		var keyName, email sql.NullString
		err := rows.Scan(&key, &keyName, &user, &email, &u.AgentID, &u.Success, &u.LatencyMS, &u.CreatedAt)
		if err != nil {
			return nil, wrap(err, "read usage of org %d", orgID)
		}
		u.APIKeyID, u.APIKeyName, u.UserID, u.UserEmail = key.Int64, keyName.String, user.Int64, email.String
		u.CreatedAt = u.CreatedAt.UTC()
		out = append(out, u)
	}
	return out, wrap(rows.Err(), "read usage of org %d", orgID)
}

// RequestLogs returns an organization's most recent requests, newest
// first, for the activity page.
func (q *Queries) RequestLogs(ctx context.Context, orgID int64, limit int) ([]RequestLog, error) {
	rows, err := q.r.QueryContext(ctx, `SELECT id, user_id, api_key_id, agent_id, request_id,
			method, route, status, success, latency_ms, ip, user_agent, browser, os, referrer,
			prompt, created_at
		FROM request_log WHERE org_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`, orgID, limit)
	if err != nil {
		return nil, wrap(err, "list requests of org %d", orgID)
	}
	defer rows.Close()
	var out []RequestLog
	for rows.Next() {
		l := RequestLog{OrgID: orgID}
		var user, key sql.NullInt64
		var prompt sql.NullString
		err := rows.Scan(&l.ID, &user, &key, &l.AgentID, &l.RequestID, &l.Method, &l.Route,
			&l.Status, &l.Success, &l.LatencyMS, &l.IP, &l.UserAgent, &l.Browser, &l.OS,
			&l.Referrer, &prompt, &l.CreatedAt)
		if err != nil {
			return nil, wrap(err, "list requests of org %d", orgID)
		}
		l.UserID, l.APIKeyID, l.CreatedAt = user.Int64, key.Int64, l.CreatedAt.UTC()
		if prompt.Valid {
			l.Prompt = &prompt.String
		}
		out = append(out, l)
	}
	return out, wrap(rows.Err(), "list requests of org %d", orgID)
}

// PurgePrompts nulls the prompt text of requests older than each
// organization's retention_days, counted back from now, and reports how
// many rows it cleared. Retention 0 keeps no prompt at all.
func (db *DB) PurgePrompts(ctx context.Context, now time.Time) (int64, error) {
	orgs, err := db.retentions(ctx)
	if err != nil {
		return 0, err
	}
	var total int64
	for orgID, days := range orgs {
		cutoff := now.UTC().AddDate(0, 0, -days)
		res, err := db.w.ExecContext(ctx, `UPDATE request_log SET prompt = NULL
			WHERE org_id = $1 AND created_at < $2 AND prompt IS NOT NULL`, orgID, cutoff)
		if err != nil {
			return total, wrap(err, "purge prompts of org %d", orgID)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return total, wrap(err, "purge prompts of org %d", orgID)
		}
		total += n
	}
	return total, nil
}

func (db *DB) retentions(ctx context.Context) (map[int64]int, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id, retention_days FROM organizations`)
	if err != nil {
		return nil, wrap(err, "read retention settings")
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var days int
		if err := rows.Scan(&id, &days); err != nil {
			return nil, wrap(err, "read retention settings")
		}
		out[id] = days
	}
	return out, wrap(rows.Err(), "read retention settings")
}
