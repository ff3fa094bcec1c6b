package store

import (
	"context"
	"database/sql"
	"time"
)

// OutboxMail is one message in the mail outbox. Status is "queued"
// (waiting for the sender), "sent", "failed" (the sender gave up) or
// "held" (no SMTP server is configured; platform admins read it in the
// portal). Category is "transactional" or "marketing"; marketing mail
// always has a UserID.
type OutboxMail struct {
	ID            int64
	OrgID         int64 // 0: no organization
	UserID        int64 // 0: no user (an invitation to a new address)
	Category      string
	To            string
	Subject       string
	Body          string
	Status        string
	Attempts      int
	NextAttemptAt time.Time
	LastError     string
	CreatedAt     time.Time
	SentAt        *time.Time
}

const outboxColumns = `id, org_id, user_id, category, to_addr, subject, body, status, attempts,
	next_attempt_at, last_error, created_at, sent_at`

func scanOutboxMail(s rowScanner) (*OutboxMail, error) {
	var m OutboxMail
	var org, user sql.NullInt64
	var sent sql.NullTime
	err := s.Scan(&m.ID, &org, &user, &m.Category, &m.To, &m.Subject, &m.Body, &m.Status,
		&m.Attempts, &m.NextAttemptAt, &m.LastError, &m.CreatedAt, &sent)
	if err != nil {
		return nil, mapError(err)
	}
	m.OrgID, m.UserID, m.SentAt = org.Int64, user.Int64, timePtr(sent)
	m.NextAttemptAt, m.CreatedAt = m.NextAttemptAt.UTC(), m.CreatedAt.UTC()
	return &m, nil
}

// EnqueueMail inserts m into the outbox and sets its ID. A zero
// NextAttemptAt means at once.
func (q *Queries) EnqueueMail(ctx context.Context, m *OutboxMail) error {
	m.CreatedAt = nowOr(m.CreatedAt)
	if m.NextAttemptAt.IsZero() {
		m.NextAttemptAt = m.CreatedAt
	}
	err := q.w.QueryRowContext(ctx, `INSERT INTO mail_outbox
		(org_id, user_id, category, to_addr, subject, body, status, attempts, next_attempt_at, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9) RETURNING id`,
		nullID(m.OrgID), nullID(m.UserID), m.Category, m.To, m.Subject, m.Body, m.Status,
		m.NextAttemptAt.UTC(), m.CreatedAt).Scan(&m.ID)
	return wrap(err, "enqueue mail")
}

// OutboxMails lists the newest limit messages, newest first, for the
// platform admins' outbox page. The outbox belongs to the platform, not to
// an organization.
func (q *Queries) OutboxMails(ctx context.Context, limit int) ([]OutboxMail, error) {
	return q.listOutbox(ctx, `SELECT `+outboxColumns+` FROM mail_outbox ORDER BY id DESC LIMIT $1`, limit)
}

// OutboxMail returns one message of the outbox.
func (q *Queries) OutboxMail(ctx context.Context, id int64) (*OutboxMail, error) {
	m, err := scanOutboxMail(q.r.QueryRowContext(ctx, `SELECT `+outboxColumns+` FROM mail_outbox WHERE id = $1`, id))
	return m, wrap(err, "get mail %d", id)
}

func (q *Queries) listOutbox(ctx context.Context, query string, args ...any) ([]OutboxMail, error) {
	rows, err := q.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, wrap(err, "list mail")
	}
	defer rows.Close()
	var out []OutboxMail
	for rows.Next() {
		m, err := scanOutboxMail(rows)
		if err != nil {
			return nil, wrap(err, "list mail")
		}
		out = append(out, *m)
	}
	return out, wrap(rows.Err(), "list mail")
}

// ClaimMail takes up to limit queued messages due at now for one delivery
// attempt each: their attempts count up and their next attempt moves to
// leaseUntil, so that another sender (another replica) skips them while
// this one delivers. PostgreSQL skips rows another transaction has
// locked; SQLite has a single writer.
func (db *DB) ClaimMail(ctx context.Context, now, leaseUntil time.Time, limit int) ([]OutboxMail, error) {
	query := `SELECT id FROM mail_outbox WHERE status = 'queued' AND next_attempt_at <= $1
		ORDER BY next_attempt_at, id LIMIT $2`
	if db.dialect == Postgres {
		query += ` FOR UPDATE SKIP LOCKED`
	}
	var out []OutboxMail
	err := db.Transact(ctx, func(tx *Tx) error {
		ids, err := tx.ids(ctx, query, now.UTC(), limit)
		if err != nil {
			return err
		}
		for _, id := range ids {
			m, err := scanOutboxMail(tx.w.QueryRowContext(ctx, `UPDATE mail_outbox
				SET attempts = attempts + 1, next_attempt_at = $2 WHERE id = $1 RETURNING `+outboxColumns,
				id, leaseUntil.UTC()))
			if err != nil {
				return err
			}
			out = append(out, *m)
		}
		return nil
	})
	return out, wrap(err, "claim mail")
}

// ids runs a query returning one ID column on the write connection.
func (q *Queries) ids(ctx context.Context, query string, args ...any) ([]int64, error) {
	rows, err := q.w.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, mapError(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, mapError(err)
		}
		out = append(out, id)
	}
	return out, mapError(rows.Err())
}

// MarkMailSent records a delivered message.
func (q *Queries) MarkMailSent(ctx context.Context, id int64, at time.Time) error {
	err := affected(q.w.ExecContext(ctx, `UPDATE mail_outbox SET status = 'sent', sent_at = $2, last_error = ''
		WHERE id = $1 AND status = 'queued'`, id, at.UTC()))
	return wrap(err, "mark mail %d sent", id)
}

// RetryMail records a failed attempt and when to try again.
func (q *Queries) RetryMail(ctx context.Context, id int64, next time.Time, lastError string) error {
	err := affected(q.w.ExecContext(ctx, `UPDATE mail_outbox SET next_attempt_at = $2, last_error = $3
		WHERE id = $1 AND status = 'queued'`, id, next.UTC(), lastError))
	return wrap(err, "retry mail %d", id)
}

// FailMail gives up on a message: it will not be attempted again.
func (q *Queries) FailMail(ctx context.Context, id int64, lastError string) error {
	err := affected(q.w.ExecContext(ctx, `UPDATE mail_outbox SET status = 'failed', last_error = $2
		WHERE id = $1 AND status = 'queued'`, id, lastError))
	return wrap(err, "fail mail %d", id)
}

// PurgeMail deletes sent messages delivered before before, and failed and
// held ones created before it, and reports how many. Queued messages stay
// until they are sent or given up.
func (q *Queries) PurgeMail(ctx context.Context, before time.Time) (int64, error) {
	res, err := q.w.ExecContext(ctx, `DELETE FROM mail_outbox WHERE
		(status = 'sent' AND sent_at < $1) OR (status IN ('failed', 'held') AND created_at < $1)`, before.UTC())
	if err != nil {
		return 0, wrap(err, "purge mail")
	}
	n, err := res.RowsAffected()
	return n, wrap(err, "purge mail")
}

// SetMarketingOptIn records a user's choice about marketing mail, which
// the outbox enforces (a one-click unsubscribe sets it to false).
func (q *Queries) SetMarketingOptIn(ctx context.Context, userID int64, optIn bool) error {
	err := affected(q.w.ExecContext(ctx, `UPDATE users SET marketing_opt_in = $2 WHERE id = $1`, userID, optIn))
	return wrap(err, "set marketing choice of user %d", userID)
}
