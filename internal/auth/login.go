package auth

import (
	"context"
	"errors"
	"fmt"

	"github.com/syncloud/syncloud/internal/store"
)

// LoginRequest is one sign-in attempt with the request's context.
type LoginRequest struct {
	Email, Password string
	IP, UserAgent   string
	// OldSessionToken is the session cookie the browser already had, if
	// any; it dies at sign-in.
	OldSessionToken string
	// DeviceToken is the browser's device cookie, if any.
	DeviceToken string
}

// LoginResult is a successful sign-in: the new session token goes into
// the session cookie.
type LoginResult struct {
	User    *store.User
	Token   string
	Session Session
}

// Login checks an email and password under the brute-force limits and
// starts a session. The answer is ErrInvalidLogin for an unknown email, a
// wrong password, an OAuth-only or a disabled account alike, after the
// same argon2id work; ErrTooManyAttempts when the limits refuse to check.
func (a *Accounts) Login(ctx context.Context, req LoginRequest) (*LoginResult, error) {
	account := NormalizeEmail(req.Email)
	now := a.now()
	u, err := a.db.UserByEmail(ctx, account)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("login: %w", err)
	}
	trusted := u != nil && a.devices != nil && a.devices.Trusted(req.DeviceToken, u.ID, now)
	if err := a.guard.allow(ctx, account, req.IP, now, trusted); err != nil {
		return nil, err
	}
	if !a.passwordMatches(u, req.Password) {
		return nil, a.loginFailed(ctx, u, account, req)
	}
	if err := a.rehashIfWeak(ctx, u, req.Password); err != nil {
		return nil, err
	}
	if err := a.guard.log.ClearPair(ctx, account, req.IP); err != nil {
		return nil, fmt.Errorf("login: %w", err)
	}
	return a.startSession(ctx, u, req, "password")
}

// passwordMatches verifies password against u's hash, or against a dummy
// hash when there is no usable account, so both paths cost the same.
func (a *Accounts) passwordMatches(u *store.User, password string) bool {
	usable := u != nil && u.PasswordHash != "" && u.DisabledAt == nil
	hash := a.dummyHash
	if usable {
		hash = u.PasswordHash
	}
	ok, err := VerifyPassword(password, hash)
	return ok && err == nil && usable
}

func (a *Accounts) rehashIfWeak(ctx context.Context, u *store.User, password string) error {
	if !NeedsRehash(u.PasswordHash, a.params) {
		return nil
	}
	hash, err := HashPassword(password, a.params)
	if err != nil {
		return fmt.Errorf("rehash password: %w", err)
	}
	if err := a.db.SetPasswordHash(ctx, u.ID, hash); err != nil {
		return fmt.Errorf("rehash password: %w", err)
	}
	u.PasswordHash = hash
	return nil
}

// loginFailed counts and audits a failed attempt and returns the answer.
func (a *Accounts) loginFailed(ctx context.Context, u *store.User, account string, req LoginRequest) error {
	if err := a.guard.fail(ctx, account, req.IP, a.now()); err != nil {
		return err
	}
	ev := Event{ActorType: "anonymous", Action: "auth.login_failed", Target: "email:" + account,
		Details: map[string]any{"ip": req.IP, "user_agent": req.UserAgent}}
	if u != nil {
		ev.Target = fmt.Sprintf("user:%d", u.ID)
	}
	if err := a.audit.Append(ctx, ev); err != nil {
		return fmt.Errorf("audit login failure: %w", err)
	}
	return ErrInvalidLogin
}

// Logout ends the session of token and audits it.
func (a *Accounts) Logout(ctx context.Context, token string) error {
	sess, err := a.sessions.Check(ctx, token)
	if errors.Is(err, ErrUnauthorized) {
		return nil // already gone
	}
	if err != nil {
		return err
	}
	if err := a.sessions.End(ctx, token); err != nil {
		return err
	}
	ev := userActor(Event{Action: "auth.logout", Target: fmt.Sprintf("user:%d", sess.UserID)}, sess.UserID, "")
	if err := a.audit.Append(ctx, ev); err != nil {
		return fmt.Errorf("audit logout: %w", err)
	}
	return nil
}
