package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// PasswordReset is a mailed password reset link. Only the SHA-256 hash of
// its token is stored; the token is single use.
type PasswordReset struct {
	ID        int64
	UserID    int64
	TokenHash []byte
	IP        string // the address that asked for it
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
}

// CreatePasswordReset stores r and sets its ID.
func (q *Queries) CreatePasswordReset(ctx context.Context, r *PasswordReset) error {
	r.CreatedAt = nowOr(r.CreatedAt)
	err := q.w.QueryRowContext(ctx, `INSERT INTO password_resets (user_id, token_hash, ip, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		r.UserID, r.TokenHash, r.IP, r.CreatedAt, r.ExpiresAt.UTC()).Scan(&r.ID)
	return wrap(err, "create password reset for user %d", r.UserID)
}

// CountPasswordResets counts the resets a user asked for since a time.
func (q *Queries) CountPasswordResets(ctx context.Context, userID int64, since time.Time) (int, error) {
	var n int
	err := q.r.QueryRowContext(ctx, `SELECT count(*) FROM password_resets
		WHERE user_id = $1 AND created_at >= $2`, userID, since.UTC()).Scan(&n)
	return n, wrap(err, "count password resets of user %d", userID)
}

// PasswordResetByTokenHash finds a reset by its token's hash, which is
// the credential.
func (q *Queries) PasswordResetByTokenHash(ctx context.Context, hash []byte) (*PasswordReset, error) {
	var r PasswordReset
	var used sql.NullTime
	err := q.r.QueryRowContext(ctx, `SELECT id, user_id, token_hash, ip, created_at, expires_at, used_at
		FROM password_resets WHERE token_hash = $1`, hash).
		Scan(&r.ID, &r.UserID, &r.TokenHash, &r.IP, &r.CreatedAt, &r.ExpiresAt, &used)
	if err != nil {
		return nil, wrap(err, "get password reset by token")
	}
	r.CreatedAt, r.ExpiresAt, r.UsedAt = r.CreatedAt.UTC(), r.ExpiresAt.UTC(), timePtr(used)
	return &r, nil
}

// UsePasswordReset spends the unused, unexpired reset with that token
// hash: in one transaction the user's password hash becomes passwordHash,
// every open reset of the user is marked used and all of the user's
// database sessions are deleted. An unknown, expired or spent token, or a
// disabled user, is ErrNotFound.
func (db *DB) UsePasswordReset(ctx context.Context, hash []byte, now time.Time, passwordHash string) (*PasswordReset, error) {
	var r *PasswordReset
	err := db.Transact(ctx, func(tx *Tx) error {
		var err error
		if r, err = tx.PasswordResetByTokenHash(ctx, hash); err != nil {
			return err
		}
		if r.UsedAt != nil || !now.Before(r.ExpiresAt) {
			return fmt.Errorf("password reset %d is no longer valid: %w", r.ID, ErrNotFound)
		}
		err = affected(tx.w.ExecContext(ctx, `UPDATE users SET password_hash = $2
			WHERE id = $1 AND disabled_at IS NULL`, r.UserID, passwordHash))
		if err != nil {
			return wrap(err, "reset password of user %d", r.UserID)
		}
		if _, err := tx.w.ExecContext(ctx, `UPDATE password_resets SET used_at = $2
			WHERE user_id = $1 AND used_at IS NULL`, r.UserID, now.UTC()); err != nil {
			return wrap(err, "spend password resets of user %d", r.UserID)
		}
		t := now.UTC()
		r.UsedAt = &t
		_, err = tx.DeleteUserSessions(ctx, r.UserID)
		return err
	})
	return r, wrap(err, "use password reset")
}

// PurgePasswordResets deletes resets that expired before before.
func (q *Queries) PurgePasswordResets(ctx context.Context, before time.Time) (int64, error) {
	res, err := q.w.ExecContext(ctx, `DELETE FROM password_resets WHERE expires_at < $1`, before.UTC())
	if err != nil {
		return 0, wrap(err, "purge password resets")
	}
	n, err := res.RowsAffected()
	return n, wrap(err, "purge password resets")
}
