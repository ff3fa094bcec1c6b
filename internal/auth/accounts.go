package auth

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/syncloud/syncloud/internal/store"
)

// Errors of account management besides the shared ones in errors.go.
var (
	// ErrEmailTaken: another account already uses the email (HTTP 409).
	ErrEmailTaken = errors.New("an account with this email already exists")
	// ErrInvalidInput wraps a problem with a form field (HTTP 400).
	ErrInvalidInput = errors.New("invalid input")
	// ErrWrongPassword: the current password given to confirm a change is
	// wrong (HTTP 403).
	ErrWrongPassword = errors.New("current password is wrong")
)

// AccountsDeps is what an Accounts service is built from.
type AccountsDeps struct {
	DB       *store.DB
	Sessions *Sessions
	Failures FailureLog
	Devices  *DeviceCookies
	Audit    Auditor
	// Cookies names the session cookie (for the token an OAuth sign-in
	// replaces).
	Cookies Cookies
	// Params are the argon2id costs for new hashes; zero means MinParams.
	Params Params
	// Limits bound failed logins; zero means DefaultLimits.
	Limits Limits
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Accounts registers users, signs them in and out and changes their
// passwords and profiles.
type Accounts struct {
	db       *store.DB
	sessions *Sessions
	guard    guard
	devices  *DeviceCookies
	audit    Auditor
	cookies  Cookies
	params   Params
	now      func() time.Time
	// dummyHash is verified against when the email is unknown, so that an
	// unknown account costs the same argon2id work as a known one.
	dummyHash string
}

// NewAccounts builds the service; it hashes one dummy password at start.
func NewAccounts(d AccountsDeps) (*Accounts, error) {
	if d.Params == (Params{}) {
		d.Params = MinParams
	}
	if d.Limits == (Limits{}) {
		d.Limits = DefaultLimits
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	dummy, err := HashPassword(newToken(), d.Params)
	if err != nil {
		return nil, fmt.Errorf("dummy password hash: %w", err)
	}
	return &Accounts{
		db: d.DB, sessions: d.Sessions, guard: guard{log: d.Failures, limits: d.Limits},
		devices: d.Devices, audit: d.Audit, cookies: d.Cookies, params: d.Params, now: d.Now, dummyHash: dummy,
	}, nil
}

// Registration is the sign-up form.
type Registration struct {
	Email, Name, OrgName, Password string
}

func (r Registration) validate() error {
	if err := checkEmail(r.Email); err != nil {
		return err
	}
	if err := checkName("name", r.Name); err != nil {
		return err
	}
	if err := checkName("organization name", r.OrgName); err != nil {
		return err
	}
	if err := CheckPassword(r.Password); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidInput, err)
	}
	return nil
}

func checkEmail(email string) error {
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != strings.TrimSpace(email) || len(email) > 254 {
		return fmt.Errorf("%w: email address is not valid", ErrInvalidInput)
	}
	return nil
}

func checkName(field, v string) error {
	n := utf8.RuneCountInString(strings.TrimSpace(v))
	if n == 0 || n > 200 || !utf8.ValidString(v) {
		return fmt.Errorf("%w: %s must have 1 to 200 characters", ErrInvalidInput, field)
	}
	return nil
}

// Register creates a user, a new organization with the user as its owner,
// and an audit event in that organization's chain.
func (a *Accounts) Register(ctx context.Context, r Registration) (*store.User, *store.Organization, error) {
	if err := r.validate(); err != nil {
		return nil, nil, err
	}
	hash, err := HashPassword(r.Password, a.params)
	if err != nil {
		return nil, nil, err
	}
	acc := store.NewAccount{
		User: store.User{Email: strings.TrimSpace(r.Email), Name: strings.TrimSpace(r.Name), PasswordHash: hash},
		Org:  store.Organization{Name: strings.TrimSpace(r.OrgName)},
	}
	if err := a.db.CreateAccount(ctx, &acc); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return nil, nil, ErrEmailTaken
		}
		return nil, nil, fmt.Errorf("register %s: %w", r.Email, err)
	}
	ev := userActor(Event{OrgID: acc.Org.ID, Action: "account.register",
		Target:  fmt.Sprintf("user:%d", acc.User.ID),
		Details: map[string]any{"org_id": acc.Org.ID, "role": RoleOwner.String()}}, acc.User.ID, acc.User.Email)
	if err := a.audit.Append(ctx, ev); err != nil {
		return nil, nil, fmt.Errorf("audit registration: %w", err)
	}
	return &acc.User, &acc.Org, nil
}
