package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/syncloud/syncloud/internal/store"
)

// PasswordChange is the change-password form of a signed-in user.
type PasswordChange struct {
	UserID        int64
	Current, New  string
	IP, UserAgent string
	// CurrentSessionTok is the caller's session token; it ends with the
	// others and the browser gets the returned one.
	CurrentSessionTok string
}

// ChangePassword replaces a user's password after checking the current
// one (under the same brute-force limits as sign-in, so a stolen session
// cannot guess it). Every session of the user ends; the caller's browser
// gets the returned new token.
func (a *Accounts) ChangePassword(ctx context.Context, c PasswordChange) (string, error) {
	u, err := a.confirmPassword(ctx, c.UserID, c.Current, c.IP)
	if err != nil {
		return "", err
	}
	if err := CheckPassword(c.New); err != nil {
		return "", fmt.Errorf("%w: %w", ErrInvalidInput, err)
	}
	hash, err := HashPassword(c.New, a.params)
	if err != nil {
		return "", err
	}
	if err := a.db.SetPasswordHash(ctx, u.ID, hash); err != nil {
		return "", fmt.Errorf("change password: %w", err)
	}
	if err := a.sessions.EndAll(ctx, u.ID); err != nil {
		return "", err
	}
	token, _, err := a.sessions.Start(ctx, u.ID, c.CurrentSessionTok, c.IP, c.UserAgent)
	if err != nil {
		return "", err
	}
	ev := userActor(Event{Action: "account.password_change", Target: fmt.Sprintf("user:%d", u.ID),
		Details: map[string]any{"ip": c.IP}}, u.ID, u.Email)
	if err := a.audit.Append(ctx, ev); err != nil {
		return "", fmt.Errorf("audit password change: %w", err)
	}
	return token, nil
}

// confirmPassword re-authenticates a signed-in user: the current password
// must match, failures count like failed sign-ins.
func (a *Accounts) confirmPassword(ctx context.Context, userID int64, password, ip string) (*store.User, error) {
	u, err := a.db.User(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("confirm password: %w", err)
	}
	account := NormalizeEmail(u.Email)
	if err := a.guard.allow(ctx, account, ip, a.now(), true); err != nil {
		return nil, err
	}
	if !a.passwordMatches(u, password) {
		if err := a.guard.fail(ctx, account, ip, a.now()); err != nil {
			return nil, err
		}
		return nil, ErrWrongPassword
	}
	return u, nil
}

// AccountUpdate is the account form: a new name and email. Changing the
// email needs the password (re-authentication).
type AccountUpdate struct {
	UserID      int64
	Name, Email string
	Password    string
	IP          string
}

// UpdateAccount saves the user's name and email. A changed email must be
// confirmed with the current password and must not be taken.
func (a *Accounts) UpdateAccount(ctx context.Context, up AccountUpdate) (*store.User, error) {
	if err := checkName("name", up.Name); err != nil {
		return nil, err
	}
	if err := checkEmail(up.Email); err != nil {
		return nil, err
	}
	u, err := a.db.User(ctx, up.UserID)
	if err != nil {
		return nil, fmt.Errorf("update account: %w", err)
	}
	emailChanged := NormalizeEmail(up.Email) != NormalizeEmail(u.Email)
	if emailChanged {
		if _, err := a.confirmPassword(ctx, u.ID, up.Password, up.IP); err != nil {
			return nil, err
		}
	}
	name, email := strings.TrimSpace(up.Name), strings.TrimSpace(up.Email)
	if err := a.db.UpdateUserProfile(ctx, u.ID, name, email, u.MarketingOptIn); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return nil, ErrEmailTaken
		}
		return nil, fmt.Errorf("update account: %w", err)
	}
	ev := userActor(Event{Action: "account.update", Target: fmt.Sprintf("user:%d", u.ID),
		Details: map[string]any{"name_changed": name != u.Name, "email_changed": emailChanged}}, u.ID, email)
	if err := a.audit.Append(ctx, ev); err != nil {
		return nil, fmt.Errorf("audit account update: %w", err)
	}
	u.Name, u.Email = name, email
	return u, nil
}

// DisableUser disables a user and ends all of their sessions, in the
// database and in Redis alike. by is the platform admin acting.
func (a *Accounts) DisableUser(ctx context.Context, by Principal, userID int64) error {
	if err := a.db.DisableUser(ctx, userID, a.now().UTC()); err != nil {
		return fmt.Errorf("disable user %d: %w", userID, err)
	}
	if err := a.sessions.EndAll(ctx, userID); err != nil {
		return err
	}
	ev := userActor(Event{Action: "admin.user_disable", Target: fmt.Sprintf("user:%d", userID)}, by.UserID, "")
	if err := a.audit.Append(ctx, ev); err != nil {
		return fmt.Errorf("audit disable: %w", err)
	}
	return nil
}

// UserPrincipal is the Principal of a signed-in user acting in orgID, with
// their role there and its scopes. orgID 0 picks the first organization
// the user joined. A disabled user or one who is not a member gets
// ErrUnauthorized or ErrForbidden.
func (a *Accounts) UserPrincipal(ctx context.Context, sess Session, orgID int64) (Principal, error) {
	u, err := a.db.User(ctx, sess.UserID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && u.DisabledAt != nil) {
		return Principal{}, ErrUnauthorized
	}
	if err != nil {
		return Principal{}, fmt.Errorf("principal: %w", err)
	}
	if orgID == 0 {
		ms, err := a.db.UserMemberships(ctx, u.ID)
		if err != nil {
			return Principal{}, fmt.Errorf("principal: %w", err)
		}
		if len(ms) == 0 {
			return Principal{}, ErrForbidden
		}
		orgID = ms[0].OrgID
	}
	m, err := a.db.Membership(ctx, orgID, u.ID)
	if errors.Is(err, store.ErrNotFound) {
		return Principal{}, ErrForbidden
	}
	if err != nil {
		return Principal{}, fmt.Errorf("principal: %w", err)
	}
	role, err := ParseRole(m.Role)
	if err != nil {
		return Principal{}, err
	}
	return Principal{Kind: KindUser, UserID: u.ID, OrgID: orgID, Role: role,
		Scopes: RoleScopes(role), SessionID: sess.ID}, nil
}

// SetMarketingConsent records the user's choice to receive marketing
// e-mail, which is off until they opt in; a change is audited on the
// platform chain.
func (a *Accounts) SetMarketingConsent(ctx context.Context, userID int64, optIn bool) error {
	u, err := a.db.User(ctx, userID)
	if err != nil {
		return fmt.Errorf("marketing consent: %w", err)
	}
	if u.MarketingOptIn == optIn {
		return nil
	}
	if err := a.db.UpdateUserProfile(ctx, u.ID, u.Name, u.Email, optIn); err != nil {
		return fmt.Errorf("marketing consent: %w", err)
	}
	ev := userActor(Event{Action: "account.marketing_consent", Target: fmt.Sprintf("user:%d", u.ID),
		Details: map[string]any{"marketing_opt_in": optIn}}, u.ID, u.Email)
	if err := a.audit.Append(ctx, ev); err != nil {
		return fmt.Errorf("audit marketing consent: %w", err)
	}
	return nil
}
