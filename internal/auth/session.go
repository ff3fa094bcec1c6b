package auth

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Session is a browser sign-in as the server keeps it. The token itself is
// never stored: ID is its SHA-256 (HashToken).
type Session struct {
	ID         string
	UserID     int64
	CreatedAt  time.Time
	LastSeenAt time.Time
	IP         string
	UserAgent  string
}

// ErrNoSession is returned by a SessionStore for an ID it does not hold.
var ErrNoSession = errors.New("session not found")

// SessionStore keeps sessions: in the database by default (DBSessions), in
// Redis when configured (RedisSessions). Implementations need not apply
// timeouts; Sessions does.
type SessionStore interface {
	// Create saves a new session.
	Create(ctx context.Context, s Session) error
	// Get returns the session with id, or ErrNoSession.
	Get(ctx context.Context, id string) (Session, error)
	// Touch records activity at t; a missing session is not an error.
	Touch(ctx context.Context, id string, t time.Time) error
	// Delete removes one session; a missing session is not an error.
	Delete(ctx context.Context, id string) error
	// ListForUser returns the user's sessions, newest first.
	ListForUser(ctx context.Context, userID int64) ([]Session, error)
	// DeleteAllForUser removes every session of the user.
	DeleteAllForUser(ctx context.Context, userID int64) error
}

// SessionConfig bounds a session's life.
type SessionConfig struct {
	// Idle ends a session this long after its last request (30 min).
	Idle time.Duration
	// Absolute ends a session this long after sign-in (12 h).
	Absolute time.Duration
}

// DefaultSessionConfig is 30 minutes idle, 12 hours absolute (OWASP).
var DefaultSessionConfig = SessionConfig{Idle: 30 * time.Minute, Absolute: 12 * time.Hour}

// touchEvery is how stale LastSeenAt may be before a request writes it:
// it keeps the idle timeout accurate to a minute without a write per
// request.
const touchEvery = time.Minute

// Sessions starts, checks and ends browser sessions over a SessionStore.
type Sessions struct {
	store SessionStore
	cfg   SessionConfig
	now   func() time.Time
}

// NewSessions returns a session manager; now is the clock (time.Now in
// production).
func NewSessions(store SessionStore, cfg SessionConfig, now func() time.Time) *Sessions {
	return &Sessions{store: store, cfg: cfg, now: now}
}

// Start creates a session for userID and returns its token, to be set as
// the cookie and never stored. When oldToken is set (a session the browser
// already carried), that session is deleted: a sign-in always gets a new
// token and the old one dies, which defeats session fixation.
func (m *Sessions) Start(ctx context.Context, userID int64, oldToken, ip, ua string) (string, Session, error) {
	if oldToken != "" {
		if err := m.store.Delete(ctx, HashToken(oldToken)); err != nil {
			return "", Session{}, fmt.Errorf("end previous session: %w", err)
		}
	}
	token := newToken()
	now := m.now().UTC()
	s := Session{ID: HashToken(token), UserID: userID, CreatedAt: now, LastSeenAt: now, IP: ip, UserAgent: ua}
	if err := m.store.Create(ctx, s); err != nil {
		return "", Session{}, fmt.Errorf("create session for user %d: %w", userID, err)
	}
	return token, s, nil
}

// Check returns the live session for token, or ErrUnauthorized when the
// token is unknown or the session has passed its idle or absolute timeout
// (an expired session is deleted). It records activity at most once a
// minute.
func (m *Sessions) Check(ctx context.Context, token string) (Session, error) {
	if token == "" {
		return Session{}, ErrUnauthorized
	}
	s, err := m.store.Get(ctx, HashToken(token))
	if errors.Is(err, ErrNoSession) {
		return Session{}, ErrUnauthorized
	}
	if err != nil {
		return Session{}, fmt.Errorf("get session: %w", err)
	}
	now := m.now()
	if m.expired(s, now) {
		if err := m.store.Delete(ctx, s.ID); err != nil {
			return Session{}, fmt.Errorf("delete expired session: %w", err)
		}
		return Session{}, ErrUnauthorized
	}
	if now.Sub(s.LastSeenAt) >= touchEvery {
		s.LastSeenAt = now.UTC()
		if err := m.store.Touch(ctx, s.ID, s.LastSeenAt); err != nil {
			return Session{}, fmt.Errorf("touch session: %w", err)
		}
	}
	return s, nil
}

func (m *Sessions) expired(s Session, now time.Time) bool {
	return !now.Before(s.LastSeenAt.Add(m.cfg.Idle)) || !now.Before(s.CreatedAt.Add(m.cfg.Absolute))
}

// End deletes the session of token (logout).
func (m *Sessions) End(ctx context.Context, token string) error {
	if err := m.store.Delete(ctx, HashToken(token)); err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	return nil
}

// List returns the user's live sessions, newest first.
func (m *Sessions) List(ctx context.Context, userID int64) ([]Session, error) {
	all, err := m.store.ListForUser(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("list sessions of user %d: %w", userID, err)
	}
	now := m.now()
	live := all[:0]
	for _, s := range all {
		if !m.expired(s, now) {
			live = append(live, s)
		}
	}
	return live, nil
}

// EndByID ends one of the user's sessions, as chosen from List. Another
// user's session ID is treated as unknown (ErrNoSession).
func (m *Sessions) EndByID(ctx context.Context, userID int64, id string) error {
	s, err := m.store.Get(ctx, id)
	if err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	if s.UserID != userID {
		return fmt.Errorf("end session: %w", ErrNoSession)
	}
	if err := m.store.Delete(ctx, id); err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	return nil
}

// EndAll ends every session of the user: used when a user is disabled or
// changes their password.
func (m *Sessions) EndAll(ctx context.Context, userID int64) error {
	if err := m.store.DeleteAllForUser(ctx, userID); err != nil {
		return fmt.Errorf("end sessions of user %d: %w", userID, err)
	}
	return nil
}

// sortNewestFirst orders sessions by creation time, newest first.
func sortNewestFirst(ss []Session) {
	slices.SortFunc(ss, func(a, b Session) int { return b.CreatedAt.Compare(a.CreatedAt) })
}
