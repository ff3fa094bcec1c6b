package auth

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/syncloud/syncloud/internal/store"
)

// PasswordResetTTL is how long a mailed reset link works.
const PasswordResetTTL = time.Hour

// PasswordResetsPerHour is how many reset mails one account gets per
// hour; further requests are answered the same way but send nothing.
const PasswordResetsPerHour = 3

// ErrResetInvalid: the reset link is unknown, used or expired (HTTP 400).
var ErrResetInvalid = errors.New("this password reset link is invalid or has expired")

// PasswordResets lets people who forgot their password choose a new one
// through a link mailed to their address. The token (256 bits) is only in
// the mail; its SHA-256 is stored. A link works once, for an hour, and
// using it ends every session of the account.
type PasswordResets struct {
	db       *store.DB
	sessions *Sessions
	audit    Auditor
	mailer   Mailer
	baseURL  string
	params   Params
	now      func() time.Time
}

// NewPasswordResets returns the service; baseURL is the portal's public
// URL, used in the mailed link.
func NewPasswordResets(db *store.DB, sessions *Sessions, audit Auditor, mailer Mailer, baseURL string, params Params, now func() time.Time) *PasswordResets {
	if params == (Params{}) {
		params = MinParams
	}
	return &PasswordResets{db: db, sessions: sessions, audit: audit, mailer: mailer,
		baseURL: strings.TrimRight(baseURL, "/"), params: params, now: now}
}

// Request mails a reset link to email if it belongs to an active account.
// The caller cannot tell: an unknown address, a disabled account and an
// account over PasswordResetsPerHour all return nil, like a sent link.
// Only a malformed address is an error (ErrInvalidInput).
func (s *PasswordResets) Request(ctx context.Context, email, ip string) error {
	if err := checkEmail(email); err != nil {
		return err
	}
	u, err := s.db.UserByEmail(ctx, NormalizeEmail(email))
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("password reset: %w", err)
	}
	if u.DisabledAt != nil {
		return nil
	}
	now := s.now().UTC()
	n, err := s.db.CountPasswordResets(ctx, u.ID, now.Add(-time.Hour))
	if err != nil {
		return fmt.Errorf("password reset: %w", err)
	}
	if n >= PasswordResetsPerHour {
		return s.record(ctx, requestEvent(u, ip, false))
	}
	if err := s.send(ctx, u, ip, now); err != nil {
		return err
	}
	return s.record(ctx, requestEvent(u, ip, true))
}

// requestEvent records a reset request for u: the requester is anonymous
// (anyone may type an address); sent is false when the limit held the
// mail back.
func requestEvent(u *store.User, ip string, sent bool) Event {
	d := map[string]any{"ip": ip, "sent": sent}
	if !sent {
		d["reason"] = "rate limited"
	}
	return Event{ActorType: "anonymous", Action: "account.password_reset_request",
		Target: fmt.Sprintf("user:%d", u.ID), Details: d}
}

// send stores a new reset for u and queues its mail.
func (s *PasswordResets) send(ctx context.Context, u *store.User, ip string, now time.Time) error {
	if s.mailer == nil {
		return errors.New("password reset: no mailer configured")
	}
	if _, err := s.db.PurgePasswordResets(ctx, now.Add(-24*time.Hour)); err != nil {
		return fmt.Errorf("password reset: %w", err)
	}
	token := newToken()
	sum := sha256.Sum256([]byte(token))
	r := &store.PasswordReset{UserID: u.ID, TokenHash: sum[:], IP: ip, CreatedAt: now, ExpiresAt: now.Add(PasswordResetTTL)}
	if err := s.db.CreatePasswordReset(ctx, r); err != nil {
		return fmt.Errorf("password reset: %w", err)
	}
	link := s.baseURL + "/login/reset/" + token
	err := s.mailer.Enqueue(ctx, Mail{To: u.Email, Subject: "Reset your SynCloud password", Body: fmt.Sprintf(
		"Someone, hopefully you, asked to reset the password of your SynCloud account.\n\n"+
			"Choose a new password within one hour: %s\n\n"+
			"The link works once. If you did not ask for it, ignore this mail: your password stays as it is.\n", link)})
	if err != nil {
		return fmt.Errorf("password reset: queue mail: %w", err)
	}
	return nil
}

// Check reports whether token is a usable reset link (ErrResetInvalid
// otherwise), so the page can say so before a password is typed.
func (s *PasswordResets) Check(ctx context.Context, token string) error {
	sum := sha256.Sum256([]byte(token))
	r, err := s.db.PasswordResetByTokenHash(ctx, sum[:])
	if errors.Is(err, store.ErrNotFound) {
		return ErrResetInvalid
	}
	if err != nil {
		return fmt.Errorf("check password reset: %w", err)
	}
	if r.UsedAt != nil || !s.now().Before(r.ExpiresAt) {
		return ErrResetInvalid
	}
	return nil
}

// Confirm sets a new password with a reset token: the token is spent
// (with every other open reset of the account) and all of the account's
// sessions end. A weak password is ErrInvalidInput; a bad token
// ErrResetInvalid.
func (s *PasswordResets) Confirm(ctx context.Context, token, password, ip string) (*store.User, error) {
	if err := s.Check(ctx, token); err != nil {
		return nil, err
	}
	if err := CheckPassword(password); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidInput, err)
	}
	hash, err := HashPassword(password, s.params)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte(token))
	r, err := s.db.UsePasswordReset(ctx, sum[:], s.now(), hash)
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrResetInvalid
	}
	if err != nil {
		return nil, fmt.Errorf("confirm password reset: %w", err)
	}
	if err := s.sessions.EndAll(ctx, r.UserID); err != nil {
		return nil, err
	}
	u, err := s.db.User(ctx, r.UserID)
	if err != nil {
		return nil, fmt.Errorf("confirm password reset: %w", err)
	}
	ev := userActor(Event{Action: "account.password_reset", Target: fmt.Sprintf("user:%d", u.ID),
		Details: map[string]any{"ip": ip}}, u.ID, u.Email)
	return u, s.record(ctx, ev)
}

// record appends ev to the platform chain, where sign-in events go.
func (s *PasswordResets) record(ctx context.Context, ev Event) error {
	if err := s.audit.Append(ctx, ev); err != nil {
		return fmt.Errorf("audit %s: %w", ev.Action, err)
	}
	return nil
}
