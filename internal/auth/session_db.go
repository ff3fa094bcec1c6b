package auth

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/syncloud/syncloud/internal/store"
)

// DBSessions keeps sessions in the database's sessions table: the
// embedded default when Redis is not configured. The table's expiry
// columns mirror SessionConfig so that the database can purge dead
// sessions by itself.
type DBSessions struct {
	db  *store.DB
	cfg SessionConfig
	now func() time.Time
}

// NewDBSessions returns a database session store with the timeouts of cfg
// and the clock now.
func NewDBSessions(db *store.DB, cfg SessionConfig, now func() time.Time) *DBSessions {
	return &DBSessions{db: db, cfg: cfg, now: now}
}

func tokenHashBytes(id string) ([]byte, error) {
	b, err := hex.DecodeString(id)
	if err != nil || len(b) != 32 {
		return nil, ErrNoSession
	}
	return b, nil
}

// Create saves a new session.
func (d *DBSessions) Create(ctx context.Context, s Session) error {
	hash, err := tokenHashBytes(s.ID)
	if err != nil {
		return fmt.Errorf("create session: malformed id")
	}
	row := store.Session{
		TokenHash: hash, UserID: s.UserID, CreatedAt: s.CreatedAt, LastSeenAt: s.LastSeenAt,
		IdleExpiresAt:     s.LastSeenAt.Add(d.cfg.Idle),
		AbsoluteExpiresAt: s.CreatedAt.Add(d.cfg.Absolute),
		IP:                s.IP, UserAgent: s.UserAgent,
	}
	return d.db.CreateSession(ctx, &row)
}

// Get returns the live session with id, or ErrNoSession.
func (d *DBSessions) Get(ctx context.Context, id string) (Session, error) {
	row, err := d.row(ctx, id)
	if err != nil {
		return Session{}, err
	}
	return fromRow(row), nil
}

func (d *DBSessions) row(ctx context.Context, id string) (*store.Session, error) {
	hash, err := tokenHashBytes(id)
	if err != nil {
		return nil, err
	}
	row, err := d.db.SessionByTokenHash(ctx, hash, d.now())
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrNoSession
	}
	return row, err
}

func fromRow(r *store.Session) Session {
	return Session{
		ID: hex.EncodeToString(r.TokenHash), UserID: r.UserID, CreatedAt: r.CreatedAt,
		LastSeenAt: r.LastSeenAt, IP: r.IP, UserAgent: r.UserAgent,
	}
}

// Touch records activity at t and moves the idle expiry.
func (d *DBSessions) Touch(ctx context.Context, id string, t time.Time) error {
	row, err := d.row(ctx, id)
	if errors.Is(err, ErrNoSession) {
		return nil
	}
	if err != nil {
		return err
	}
	err = d.db.TouchSession(ctx, row.ID, t, t.Add(d.cfg.Idle))
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	return err
}

// Delete removes one session.
func (d *DBSessions) Delete(ctx context.Context, id string) error {
	hash, err := tokenHashBytes(id)
	if err != nil {
		return nil
	}
	err = d.db.DeleteSessionByTokenHash(ctx, hash)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	return err
}

// ListForUser returns the user's live sessions, newest first.
func (d *DBSessions) ListForUser(ctx context.Context, userID int64) ([]Session, error) {
	rows, err := d.db.UserSessions(ctx, userID, d.now())
	if err != nil {
		return nil, err
	}
	out := make([]Session, 0, len(rows))
	for i := range rows {
		out = append(out, fromRow(&rows[i]))
	}
	sortNewestFirst(out)
	return out, nil
}

// DeleteAllForUser removes every session of the user.
func (d *DBSessions) DeleteAllForUser(ctx context.Context, userID int64) error {
	_, err := d.db.DeleteUserSessions(ctx, userID)
	return err
}
