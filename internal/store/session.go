package store

import (
	"context"
	"time"
)

// Session is a signed-in browser, stored here when Redis is not
// configured. Only the SHA-256 hash of the cookie's token is stored.
type Session struct {
	ID                int64
	TokenHash         []byte
	UserID            int64
	CreatedAt         time.Time
	LastSeenAt        time.Time
	IdleExpiresAt     time.Time // moves forward on activity
	AbsoluteExpiresAt time.Time // never moves
	IP                string
	UserAgent         string
}

const sessionColumns = `id, token_hash, user_id, created_at, last_seen_at, idle_expires_at,
	absolute_expires_at, ip, user_agent`

func scanSession(s rowScanner) (*Session, error) {
	var x Session
	err := s.Scan(&x.ID, &x.TokenHash, &x.UserID, &x.CreatedAt, &x.LastSeenAt,
		&x.IdleExpiresAt, &x.AbsoluteExpiresAt, &x.IP, &x.UserAgent)
	if err != nil {
		return nil, mapError(err)
	}
	x.CreatedAt, x.LastSeenAt = x.CreatedAt.UTC(), x.LastSeenAt.UTC()
	x.IdleExpiresAt, x.AbsoluteExpiresAt = x.IdleExpiresAt.UTC(), x.AbsoluteExpiresAt.UTC()
	return &x, nil
}

// CreateSession inserts s and sets its ID.
func (q *Queries) CreateSession(ctx context.Context, s *Session) error {
	s.CreatedAt = nowOr(s.CreatedAt)
	if s.LastSeenAt.IsZero() {
		s.LastSeenAt = s.CreatedAt
	}
	err := q.w.QueryRowContext(ctx, `INSERT INTO sessions (token_hash, user_id, created_at,
		last_seen_at, idle_expires_at, absolute_expires_at, ip, user_agent)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		s.TokenHash, s.UserID, s.CreatedAt, s.LastSeenAt.UTC(), s.IdleExpiresAt.UTC(),
		s.AbsoluteExpiresAt.UTC(), s.IP, s.UserAgent).Scan(&s.ID)
	return wrap(err, "create session for user %d", s.UserID)
}

// SessionByTokenHash returns the session with that token hash if it is
// alive at now; an unknown or expired one (idle or absolute) is
// ErrNotFound.
func (q *Queries) SessionByTokenHash(ctx context.Context, hash []byte, now time.Time) (*Session, error) {
	s, err := scanSession(q.r.QueryRowContext(ctx, `SELECT `+sessionColumns+` FROM sessions
		WHERE token_hash = $1 AND idle_expires_at > $2 AND absolute_expires_at > $2`, hash, now.UTC()))
	return s, wrap(err, "get session")
}

// TouchSession records activity: last seen at now, idle expiry moved to
// idleExpires (never past the absolute expiry).
func (q *Queries) TouchSession(ctx context.Context, sessionID int64, now, idleExpires time.Time) error {
	err := affected(q.w.ExecContext(ctx, `UPDATE sessions SET last_seen_at = $2,
		idle_expires_at = CASE WHEN $3 < absolute_expires_at THEN $3 ELSE absolute_expires_at END
		WHERE id = $1`, sessionID, now.UTC(), idleExpires.UTC()))
	return wrap(err, "touch session %d", sessionID)
}

// DeleteSessionByTokenHash ends the session with that token (logout).
func (q *Queries) DeleteSessionByTokenHash(ctx context.Context, hash []byte) error {
	err := affected(q.w.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, hash))
	return wrap(err, "delete session")
}

// DeleteUserSession ends one of a user's sessions, from their session list.
func (q *Queries) DeleteUserSession(ctx context.Context, userID, sessionID int64) error {
	err := affected(q.w.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1 AND id = $2`,
		userID, sessionID))
	return wrap(err, "delete session %d of user %d", sessionID, userID)
}

// DeleteUserSessions ends all of a user's sessions (password change,
// disabling) and reports how many ended.
func (q *Queries) DeleteUserSessions(ctx context.Context, userID int64) (int64, error) {
	return q.DeleteOtherUserSessions(ctx, userID, 0)
}

// DeleteOtherUserSessions ends all of a user's sessions but keepID ("sign
// out everywhere else") and reports how many ended.
func (q *Queries) DeleteOtherUserSessions(ctx context.Context, userID, keepID int64) (int64, error) {
	res, err := q.w.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1 AND id <> $2`, userID, keepID)
	if err != nil {
		return 0, wrap(err, "delete sessions of user %d", userID)
	}
	n, err := res.RowsAffected()
	return n, wrap(err, "delete sessions of user %d", userID)
}

// UserSessions lists a user's sessions alive at now, most recent first.
func (q *Queries) UserSessions(ctx context.Context, userID int64, now time.Time) ([]Session, error) {
	rows, err := q.r.QueryContext(ctx, `SELECT `+sessionColumns+` FROM sessions
		WHERE user_id = $1 AND idle_expires_at > $2 AND absolute_expires_at > $2
		ORDER BY last_seen_at DESC, id DESC`, userID, now.UTC())
	if err != nil {
		return nil, wrap(err, "list sessions of user %d", userID)
	}
	defer rows.Close()
	var out []Session
	for rows.Next() {
		s, err := scanSession(rows)
		if err != nil {
			return nil, wrap(err, "list sessions of user %d", userID)
		}
		out = append(out, *s)
	}
	return out, wrap(rows.Err(), "list sessions of user %d", userID)
}

// PurgeExpiredSessions deletes sessions dead at now and reports how many.
func (q *Queries) PurgeExpiredSessions(ctx context.Context, now time.Time) (int64, error) {
	res, err := q.w.ExecContext(ctx, `DELETE FROM sessions
		WHERE idle_expires_at <= $1 OR absolute_expires_at <= $1`, now.UTC())
	if err != nil {
		return 0, wrap(err, "purge sessions")
	}
	n, err := res.RowsAffected()
	return n, wrap(err, "purge sessions")
}
