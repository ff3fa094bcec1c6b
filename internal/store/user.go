package store

import (
	"context"
	"database/sql"
	"time"
)

// User is a person who signs in. Email is unique without regard to case.
type User struct {
	ID              int64
	Email           string
	Name            string
	PasswordHash    string // PHC string; "" for OAuth-only accounts
	DisabledAt      *time.Time
	IsPlatformAdmin bool
	MarketingOptIn  bool
	CreatedAt       time.Time
}

const userColumns = `id, email, name, password_hash, disabled_at, is_platform_admin, marketing_opt_in, created_at`

func scanUser(s rowScanner) (*User, error) {
	var u User
	var disabled sql.NullTime
	err := s.Scan(&u.ID, &u.Email, &u.Name, &u.PasswordHash, &disabled,
		&u.IsPlatformAdmin, &u.MarketingOptIn, &u.CreatedAt)
	if err != nil {
		return nil, mapError(err)
	}
	u.DisabledAt = timePtr(disabled)
	u.CreatedAt = u.CreatedAt.UTC()
	return &u, nil
}

// CreateUser inserts u and sets its ID and CreatedAt. A taken email (in
// any case) is ErrConflict.
func (q *Queries) CreateUser(ctx context.Context, u *User) error {
	u.CreatedAt = nowOr(u.CreatedAt)
	err := q.w.QueryRowContext(ctx, `INSERT INTO users
		(email, name, password_hash, disabled_at, is_platform_admin, marketing_opt_in, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		u.Email, u.Name, u.PasswordHash, nullTime(u.DisabledAt), u.IsPlatformAdmin,
		u.MarketingOptIn, u.CreatedAt).Scan(&u.ID)
	return wrap(err, "create user")
}

// User returns the user userID.
func (q *Queries) User(ctx context.Context, userID int64) (*User, error) {
	u, err := scanUser(q.r.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, userID))
	return u, wrap(err, "get user %d", userID)
}

// UserByEmail finds a user by email, ignoring case.
func (q *Queries) UserByEmail(ctx context.Context, email string) (*User, error) {
	u, err := scanUser(q.r.QueryRowContext(ctx,
		`SELECT `+userColumns+` FROM users WHERE lower(email) = lower($1)`, email))
	return u, wrap(err, "get user by email")
}

// Users lists users, oldest first, for the Admin Console.
func (q *Queries) Users(ctx context.Context, limit, offset int) ([]User, error) {
	rows, err := q.r.QueryContext(ctx,
		`SELECT `+userColumns+` FROM users ORDER BY id LIMIT $1 OFFSET $2`, limit, offset)
	if err != nil {
		return nil, wrap(err, "list users")
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, wrap(err, "list users")
		}
		out = append(out, *u)
	}
	return out, wrap(rows.Err(), "list users")
}

// UpdateUserProfile saves a user's name, email and marketing choice. A
// taken email is ErrConflict.
func (q *Queries) UpdateUserProfile(ctx context.Context, userID int64, name, email string, marketingOptIn bool) error {
	err := affected(q.w.ExecContext(ctx,
		`UPDATE users SET name = $2, email = $3, marketing_opt_in = $4 WHERE id = $1`,
		userID, name, email, marketingOptIn))
	return wrap(err, "update user %d", userID)
}

// SetPasswordHash replaces a user's password hash (change or rehash).
func (q *Queries) SetPasswordHash(ctx context.Context, userID int64, hash string) error {
	err := affected(q.w.ExecContext(ctx, `UPDATE users SET password_hash = $2 WHERE id = $1`, userID, hash))
	return wrap(err, "set password of user %d", userID)
}

// SetPlatformAdmin grants or withdraws Admin Console access.
func (q *Queries) SetPlatformAdmin(ctx context.Context, userID int64, admin bool) error {
	err := affected(q.w.ExecContext(ctx, `UPDATE users SET is_platform_admin = $2 WHERE id = $1`, userID, admin))
	return wrap(err, "set platform admin of user %d", userID)
}

// SetUserDisabled disables a user at the given time, or enables them when
// at is nil. Disabling does not end sessions by itself; DB.DisableUser
// does both at once.
func (q *Queries) SetUserDisabled(ctx context.Context, userID int64, at *time.Time) error {
	err := affected(q.w.ExecContext(ctx, `UPDATE users SET disabled_at = $2 WHERE id = $1`, userID, nullTime(at)))
	return wrap(err, "set disabled of user %d", userID)
}

// DisableUser marks a user disabled and deletes all of their sessions in
// one transaction.
func (db *DB) DisableUser(ctx context.Context, userID int64, at time.Time) error {
	return db.Transact(ctx, func(tx *Tx) error {
		if err := tx.SetUserDisabled(ctx, userID, &at); err != nil {
			return err
		}
		_, err := tx.DeleteUserSessions(ctx, userID)
		return err
	})
}
