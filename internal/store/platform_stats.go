package store

import (
	"context"
	"strings"
)

// The Admin Console's platform-wide reads: they span every organization
// by design and are only reachable by platform administrators.

// likeEscaper makes a search term literal inside a LIKE pattern.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// SearchUsers lists users whose email or name contains query (ignoring
// case), oldest first; an empty query lists every user.
func (q *Queries) SearchUsers(ctx context.Context, query string, limit int) ([]User, error) {
	pattern := "%" + likeEscaper.Replace(strings.ToLower(strings.TrimSpace(query))) + "%"
	rows, err := q.r.QueryContext(ctx, `SELECT `+userColumns+` FROM users
		WHERE lower(email) LIKE $1 ESCAPE '\' OR lower(name) LIKE $1 ESCAPE '\'
		ORDER BY id LIMIT $2`, pattern, limit)
	if err != nil {
		return nil, wrap(err, "search users")
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, wrap(err, "search users")
		}
		out = append(out, *u)
	}
	return out, wrap(rows.Err(), "search users")
}

// RunCounts counts the runs of every organization by status.
func (q *Queries) RunCounts(ctx context.Context) (map[string]int, error) {
	rows, err := q.r.QueryContext(ctx, `SELECT status, COUNT(*) FROM runs GROUP BY status`)
	if err != nil {
		return nil, wrap(err, "count runs")
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var status string
		var n int
		if err := rows.Scan(&status, &n); err != nil {
			return nil, wrap(err, "count runs")
		}
		out[status] = n
	}
	return out, wrap(rows.Err(), "count runs")
}
