package store

import (
	"context"
	"database/sql"
	"time"
)

// SupportMessage is one message of the contact form. Support messages
// belong to no organization: visitors without an account send them too,
// and platform administrators read them all.
type SupportMessage struct {
	ID int64
	// UserID is the signed-in sender, 0 for a visitor or a deleted user.
	UserID    int64
	Name      string
	Email     string
	Subject   string
	Body      string
	CreatedAt time.Time
}

// CreateSupportMessage stores m and sets its ID.
func (q *Queries) CreateSupportMessage(ctx context.Context, m *SupportMessage) error {
	m.CreatedAt = nowOr(m.CreatedAt)
	err := q.w.QueryRowContext(ctx, `INSERT INTO support_messages
		(user_id, name, email, subject, body, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		nullID(m.UserID), m.Name, m.Email, m.Subject, m.Body, m.CreatedAt).Scan(&m.ID)
	return wrap(err, "create support message")
}

// SupportMessages lists the newest limit messages, newest first.
func (q *Queries) SupportMessages(ctx context.Context, limit int) ([]SupportMessage, error) {
	rows, err := q.r.QueryContext(ctx, `SELECT id, user_id, name, email, subject, body, created_at
		FROM support_messages ORDER BY id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, wrap(err, "list support messages")
	}
	defer rows.Close()
	var out []SupportMessage
	for rows.Next() {
		var m SupportMessage
		var user sql.NullInt64
		if err := rows.Scan(&m.ID, &user, &m.Name, &m.Email, &m.Subject, &m.Body, &m.CreatedAt); err != nil {
			return nil, wrap(mapError(err), "list support messages")
		}
		m.UserID, m.CreatedAt = user.Int64, m.CreatedAt.UTC()
		out = append(out, m)
	}
	return out, wrap(rows.Err(), "list support messages")
}
