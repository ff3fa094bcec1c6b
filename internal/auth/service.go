package auth

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/syncloud/syncloud/internal/store"
)

// OrgHeader selects the organization a signed-in user acts in, by ID;
// without it the first organization the user joined is used.
const OrgHeader = "X-Syncloud-Org"

// Config is what New wires the auth services from.
type Config struct {
	DB *store.DB
	// Redis, when set, keeps sessions and login failures; otherwise the
	// database does.
	Redis redis.UniversalClient
	// RedisPrefix starts every Redis key ("syncloud:" when empty).
	RedisPrefix string
	Audit       Auditor
	// Secret keys the CSRF tokens and device cookies (at least 32 bytes,
	// the same on every replica). Separate keys are derived from it.
	Secret []byte
	// Insecure allows cookies over plain HTTP: localhost development only.
	Insecure bool
	// Session, Limits and Params default to DefaultSessionConfig,
	// DefaultLimits and MinParams.
	Session SessionConfig
	Limits  Limits
	Params  Params
	// Mailer sends invitations and password reset links; BaseURL is the
	// portal's public URL used in mailed links.
	Mailer  Mailer
	BaseURL string
	// OAuth are the sign-in providers offered (NewOIDCProvider for
	// Google, NewGitHubProvider); none turns OAuth off.
	OAuth []OAuthProvider
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Service bundles the auth services the web layer uses. It implements the
// web layer's Authenticator: APIKey and Session.
type Service struct {
	Accounts    *Accounts
	Keys        *Keys
	Sessions    *Sessions
	CSRF        *CSRF
	Cookies     Cookies
	Devices     *DeviceCookies
	Invitations *Invitations
	OAuth       *OAuth
	// PasswordResets mails reset links (through Config.Mailer) and
	// spends them.
	PasswordResets *PasswordResets
	// Members changes members' roles and removes them.
	Members *Members
}

// New wires the services: sessions and failure counters in Redis when
// configured, in the database otherwise.
func New(c Config) (*Service, error) {
	if len(c.Secret) < 32 {
		return nil, errors.New("auth secret must have at least 32 bytes")
	}
	c = c.withDefaults()
	store, failures := c.stores()
	csrf, err := NewCSRF(deriveKey(c.Secret, "csrf"))
	if err != nil {
		return nil, err
	}
	devices, err := NewDeviceCookies(deriveKey(c.Secret, "device"), 180*24*time.Hour, c.Insecure)
	if err != nil {
		return nil, err
	}
	sessions := NewSessions(store, c.Session, c.Now)
	accounts, err := NewAccounts(AccountsDeps{DB: c.DB, Sessions: sessions, Failures: failures,
		Devices: devices, Audit: c.Audit, Cookies: Cookies{Insecure: c.Insecure}, Params: c.Params, Limits: c.Limits, Now: c.Now})
	if err != nil {
		return nil, err
	}
	oauth, err := NewOAuth(accounts, deriveKey(c.Secret, "oauth"), c.Insecure, c.OAuth...)
	if err != nil {
		return nil, err
	}
	return &Service{
		Accounts: accounts, Keys: NewKeys(c.DB, c.Audit, c.Now), Sessions: sessions,
		CSRF: csrf, Cookies: Cookies{Insecure: c.Insecure}, Devices: devices,
		Invitations: NewInvitations(c.DB, c.Audit, c.Mailer, c.BaseURL, c.Now), OAuth: oauth,
		PasswordResets: NewPasswordResets(c.DB, sessions, c.Audit, c.Mailer, c.BaseURL, c.Params, c.Now),
		Members:        NewMembers(c.DB, c.Audit),
	}, nil
}

func (c Config) withDefaults() Config {
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Session == (SessionConfig{}) {
		c.Session = DefaultSessionConfig
	}
	if c.Limits == (Limits{}) {
		c.Limits = DefaultLimits
	}
	if c.RedisPrefix == "" {
		c.RedisPrefix = "syncloud:"
	}
	return c
}

// stores picks where sessions and failure counters live: Redis when
// configured, the database otherwise.
func (c Config) stores() (SessionStore, FailureLog) {
	if c.Redis != nil {
		return NewRedisSessions(c.Redis, c.RedisPrefix, c.Session.Absolute),
			NewRedisFailures(c.Redis, c.RedisPrefix, c.Limits.Window)
	}
	return NewDBSessions(c.DB, c.Session, c.Now), NewDBFailures(c.DB)
}

// deriveKey is HMAC-SHA256(secret, purpose): one independent key per use.
func deriveKey(secret []byte, purpose string) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("syncloud auth key\x00" + purpose))
	return m.Sum(nil)
}

// APIKey resolves the raw key of an "Authorization: Bearer" header.
func (s *Service) APIKey(ctx context.Context, raw string) (Principal, error) {
	return s.Keys.Authenticate(ctx, raw)
}

// Session resolves the request's session cookie to the signed-in user in
// the organization OrgHeader names (or their first). State-changing
// requests must pass the CSRF checks (ErrCSRF otherwise).
func (s *Service) Session(r *http.Request) (Principal, error) {
	sess, err := s.Sessions.Check(r.Context(), s.Cookies.SessionToken(r))
	if err != nil {
		return Principal{}, err
	}
	if err := s.CSRF.Check(r, sess.ID); err != nil {
		return Principal{}, err
	}
	var orgID int64
	if h := r.Header.Get(OrgHeader); h != "" {
		if orgID, err = strconv.ParseInt(h, 10, 64); err != nil || orgID <= 0 {
			return Principal{}, fmt.Errorf("%w: bad %s header", ErrInvalidInput, OrgHeader)
		}
	}
	return s.Accounts.UserPrincipal(r.Context(), sess, orgID)
}

// SignIn is Login for an HTTP request: it reads the browser's old session
// and device cookies and, on success, sets the new session cookie and a
// fresh device cookie (which keeps this browser able to sign in while the
// account is under attack). ip is the client address the web layer
// determined.
func (s *Service) SignIn(w http.ResponseWriter, r *http.Request, email, password, ip string) (*LoginResult, error) {
	res, err := s.Accounts.Login(r.Context(), LoginRequest{
		Email: email, Password: password, IP: ip, UserAgent: r.UserAgent(),
		OldSessionToken: s.Cookies.SessionToken(r), DeviceToken: s.Devices.FromRequest(r),
	})
	if err != nil {
		return nil, err
	}
	s.Cookies.SetSession(w, res.Token)
	s.Devices.Set(w, res.User.ID, s.Accounts.now())
	return res, nil
}
