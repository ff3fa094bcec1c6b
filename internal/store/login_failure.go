package store

import (
	"context"
	"strings"
	"time"
)

// Failed logins are recorded per account (the lower-cased email tried,
// whether or not such a user exists) and per client IP, so that the auth
// package can limit guessing in a time window.

// RecordLoginFailure records one failed login.
func (q *Queries) RecordLoginFailure(ctx context.Context, account, ip string, at time.Time) error {
	_, err := q.w.ExecContext(ctx, `INSERT INTO login_failures (account, ip, created_at)
		VALUES ($1, $2, $3)`, strings.ToLower(account), ip, at.UTC())
	return wrap(err, "record login failure")
}

// CountLoginFailures counts failures for an account since a time.
func (q *Queries) CountLoginFailures(ctx context.Context, account string, since time.Time) (int, error) {
	var n int
	err := q.r.QueryRowContext(ctx, `SELECT count(*) FROM login_failures
		WHERE account = $1 AND created_at >= $2`, strings.ToLower(account), since.UTC()).Scan(&n)
	return n, wrap(err, "count login failures")
}

// CountLoginFailuresByIP counts failures from an IP since a time.
func (q *Queries) CountLoginFailuresByIP(ctx context.Context, ip string, since time.Time) (int, error) {
	var n int
	err := q.r.QueryRowContext(ctx, `SELECT count(*) FROM login_failures
		WHERE ip = $1 AND created_at >= $2`, ip, since.UTC()).Scan(&n)
	return n, wrap(err, "count login failures by ip")
}

// CountLoginFailuresByAccountAndIP counts failures for an account from one
// IP since a time, so a limiter can tell the attacker's address from the
// real user's.
func (q *Queries) CountLoginFailuresByAccountAndIP(ctx context.Context, account, ip string, since time.Time) (int, error) {
	var n int
	err := q.r.QueryRowContext(ctx, `SELECT count(*) FROM login_failures
		WHERE account = $1 AND ip = $2 AND created_at >= $3`,
		strings.ToLower(account), ip, since.UTC()).Scan(&n)
	return n, wrap(err, "count login failures by account and ip")
}

// ClearLoginFailures forgets an account's failures from one IP, after a
// successful login from there.
func (q *Queries) ClearLoginFailures(ctx context.Context, account, ip string) error {
	_, err := q.w.ExecContext(ctx, `DELETE FROM login_failures WHERE account = $1 AND ip = $2`,
		strings.ToLower(account), ip)
	return wrap(err, "clear login failures")
}

// PurgeLoginFailures deletes failures older than before and reports how
// many.
func (q *Queries) PurgeLoginFailures(ctx context.Context, before time.Time) (int64, error) {
	res, err := q.w.ExecContext(ctx, `DELETE FROM login_failures WHERE created_at < $1`, before.UTC())
	if err != nil {
		return 0, wrap(err, "purge login failures")
	}
	n, err := res.RowsAffected()
	return n, wrap(err, "purge login failures")
}
