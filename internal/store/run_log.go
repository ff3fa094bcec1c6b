package store

import (
	"context"
	"time"
)

// RunLog is one chunk of a run's Terraform output. IDs grow, so a reader
// asks for the chunks after the last ID it saw.
type RunLog struct {
	ID        int64
	RunID     int64
	Text      string
	CreatedAt time.Time
}

// AppendRunLog stores a chunk of output of one of the organization's runs.
// A run of another organization is ErrNotFound.
func (q *Queries) AppendRunLog(ctx context.Context, orgID, runID int64, text string, at time.Time) error {
	res, err := q.w.ExecContext(ctx, `INSERT INTO run_logs (run_id, text, created_at)
		SELECT id, $3, $4 FROM runs WHERE org_id = $1 AND id = $2`, orgID, runID, text, at.UTC())
	return wrap(affected(res, err), "append log of run %d", runID)
}

// RunLogs returns up to limit chunks of a run's output with IDs above
// after, oldest first.
func (q *Queries) RunLogs(ctx context.Context, orgID, runID, after int64, limit int) ([]RunLog, error) {
	rows, err := q.r.QueryContext(ctx, `SELECT l.id, l.run_id, l.text, l.created_at
		FROM run_logs l JOIN runs r ON r.id = l.run_id
		WHERE r.org_id = $1 AND l.run_id = $2 AND l.id > $3 ORDER BY l.id LIMIT $4`,
		orgID, runID, after, limit)
	if err != nil {
		return nil, wrap(err, "read log of run %d", runID)
	}
	defer rows.Close()
	var out []RunLog
	for rows.Next() {
		var l RunLog
		if err := rows.Scan(&l.ID, &l.RunID, &l.Text, &l.CreatedAt); err != nil {
			return nil, wrap(err, "read log of run %d", runID)
		}
		l.CreatedAt = l.CreatedAt.UTC()
		out = append(out, l)
	}
	return out, wrap(rows.Err(), "read log of run %d", runID)
}
