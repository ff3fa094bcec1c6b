package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/syncloud/syncloud/internal/store"
)

// Errors of OAuth sign-in.
var (
	// ErrLinkRequired: an account with the provider's email exists but is
	// not linked to this provider account. The user must sign in with their
	// password and link it, so that nobody takes over an account through
	// a provider's claim about an email (HTTP 409).
	ErrLinkRequired = errors.New("an account with this email exists: sign in and link the provider from your account page")
	// ErrIdentityTaken: the provider account is linked to another user
	// (HTTP 409).
	ErrIdentityTaken = errors.New("this provider account is linked to another user")
	// ErrEmailUnverified: the provider did not vouch for the email, so no
	// account is created from it (HTTP 403).
	ErrEmailUnverified = errors.New("the provider did not verify this email address")
	// ErrUnknownProvider: no such provider is configured (HTTP 404).
	ErrUnknownProvider = errors.New("unknown sign-in provider")
)

// OAuth signs users in with, and links their accounts to, other sites.
type OAuth struct {
	providers map[string]OAuthProvider
	flows     flowCookies
	accounts  *Accounts
}

// NewOAuth returns the OAuth service for the given providers. key signs
// the flow cookie (at least 32 bytes); insecure allows plain-HTTP
// development cookies.
func NewOAuth(accounts *Accounts, key []byte, insecure bool, providers ...OAuthProvider) (*OAuth, error) {
	if len(key) < 32 {
		return nil, errors.New("oauth flow key must have at least 32 bytes")
	}
	o := &OAuth{providers: map[string]OAuthProvider{}, flows: flowCookies{key: key, insecure: insecure}, accounts: accounts}
	for _, p := range providers {
		o.providers[p.Name()] = p
	}
	return o, nil
}

// Begin starts a sign-in (linkUser 0) or the linking of a provider account
// to the signed-in user linkUser: it sets the flow cookie and returns the
// provider URL to redirect the browser to.
func (o *OAuth) Begin(w http.ResponseWriter, provider string, linkUser int64) (string, error) {
	p, ok := o.providers[provider]
	if !ok {
		return "", ErrUnknownProvider
	}
	fl := newFlow(provider, linkUser, o.accounts.now())
	o.flows.set(w, fl)
	return p.AuthCodeURL(fl.State, fl.Verifier, fl.Nonce), nil
}

// OAuthResult is the outcome of a callback: a sign-in (Login set) or a
// link (Linked set).
type OAuthResult struct {
	Login  *LoginResult
	Linked *store.OAuthIdentity
	// Created reports that the sign-in created a new account.
	Created bool
}

// Callback finishes what Begin started, on the provider's redirect back:
// it checks the state against the flow cookie, redeems the code with the
// PKCE verifier and signs the user in (creating an account for a new,
// verified email; the session and device cookies are set on w) or links
// the identity to the signed-in user. ip and ua are the client's, as for
// Login.
func (o *OAuth) Callback(w http.ResponseWriter, r *http.Request, provider, ip, ua string) (*OAuthResult, error) {
	p, ok := o.providers[provider]
	if !ok {
		return nil, ErrUnknownProvider
	}
	fl, err := o.flows.read(r, provider, o.accounts.now())
	if err != nil {
		return nil, err
	}
	o.flows.clear(w) // one use
	if err := providerError(r); err != nil {
		return nil, err
	}
	id, err := p.Exchange(r.Context(), r.URL.Query().Get("code"), fl.Verifier, fl.Nonce)
	if err != nil {
		return nil, fmt.Errorf("%w: %s sign-in: %v", ErrUnauthorized, provider, err)
	}
	if fl.LinkUser != 0 {
		return o.linkSignedIn(r, fl.LinkUser, id)
	}
	return o.signInBrowser(w, r, id, ip, ua)
}

// linkSignedIn links id to userID, who must still be the browser's
// signed-in user.
func (o *OAuth) linkSignedIn(r *http.Request, userID int64, id Identity) (*OAuthResult, error) {
	sess, err := o.accounts.sessions.Check(r.Context(), o.accounts.sessionCookie(r))
	if err != nil || sess.UserID != userID {
		return nil, ErrUnauthorized
	}
	link, err := o.link(r.Context(), userID, id)
	if err != nil {
		return nil, err
	}
	return &OAuthResult{Linked: link}, nil
}

// signInBrowser signs in as id and sets the session and device cookies.
func (o *OAuth) signInBrowser(w http.ResponseWriter, r *http.Request, id Identity, ip, ua string) (*OAuthResult, error) {
	res, err := o.signIn(r.Context(), id, LoginRequest{IP: ip, UserAgent: ua,
		OldSessionToken: o.accounts.sessionCookie(r)})
	if err != nil {
		return nil, err
	}
	o.accounts.cookies.SetSession(w, res.Login.Token)
	if o.accounts.devices != nil {
		o.accounts.devices.Set(w, res.Login.User.ID, o.accounts.now())
	}
	return res, nil
}

// link attaches id to userID.
func (o *OAuth) link(ctx context.Context, userID int64, id Identity) (*store.OAuthIdentity, error) {
	row := &store.OAuthIdentity{Provider: id.Provider, Subject: id.Subject, UserID: userID, Email: id.Email}
	if err := o.accounts.db.LinkOAuthIdentity(ctx, row); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return nil, ErrIdentityTaken
		}
		return nil, fmt.Errorf("link %s identity: %w", id.Provider, err)
	}
	ev := userActor(Event{Action: "auth.oauth_link", Target: fmt.Sprintf("user:%d", userID),
		Details: map[string]any{"provider": id.Provider, "subject": id.Subject, "email": id.Email}}, userID, "")
	if err := o.accounts.audit.Append(ctx, ev); err != nil {
		return nil, fmt.Errorf("audit oauth link: %w", err)
	}
	return row, nil
}

// signIn starts a session for the user linked to id, creating the account
// when nobody uses the email yet.
func (o *OAuth) signIn(ctx context.Context, id Identity, req LoginRequest) (*OAuthResult, error) {
	db := o.accounts.db
	created := false
	link, err := db.OAuthIdentity(ctx, id.Provider, id.Subject)
	switch {
	case errors.Is(err, store.ErrNotFound):
		if link, err = o.register(ctx, id); err != nil {
			return nil, err
		}
		created = true
	case err != nil:
		return nil, fmt.Errorf("%s sign-in: %w", id.Provider, err)
	}
	u, err := db.User(ctx, link.UserID)
	if err != nil {
		return nil, fmt.Errorf("%s sign-in: %w", id.Provider, err)
	}
	if u.DisabledAt != nil {
		return nil, ErrInvalidLogin
	}
	res, err := o.accounts.startSession(ctx, u, req, id.Provider)
	if err != nil {
		return nil, err
	}
	return &OAuthResult{Login: res, Created: created}, nil
}

// register creates a user with no password, their own organization, and
// the link, in one transaction.
func (o *OAuth) register(ctx context.Context, id Identity) (*store.OAuthIdentity, error) {
	if !id.EmailVerified || id.Email == "" {
		return nil, ErrEmailUnverified
	}
	if _, err := o.accounts.db.UserByEmail(ctx, id.Email); err == nil {
		return nil, ErrLinkRequired
	} else if !errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("%s sign-up: %w", id.Provider, err)
	}
	u, orgID, link, err := o.createAccount(ctx, id)
	if errors.Is(err, store.ErrConflict) {
		return nil, ErrLinkRequired // lost a race with another sign-up of the email
	}
	if err != nil {
		return nil, fmt.Errorf("%s sign-up: %w", id.Provider, err)
	}
	ev := userActor(Event{OrgID: orgID, Action: "account.register", Target: fmt.Sprintf("user:%d", u.ID),
		Details: map[string]any{"provider": id.Provider, "org_id": orgID, "role": RoleOwner.String()}}, u.ID, u.Email)
	return link, o.accounts.audit.Append(ctx, ev)
}

// createAccount inserts the user, their organization, the owner
// membership and the identity link in one transaction.
func (o *OAuth) createAccount(ctx context.Context, id Identity) (*store.User, int64, *store.OAuthIdentity, error) {
	name := strings.TrimSpace(id.Name)
	if name == "" {
		name, _, _ = strings.Cut(id.Email, "@")
	}
	u := &store.User{Email: id.Email, Name: name}
	org := store.Organization{Name: name + "'s organization"}
	link := &store.OAuthIdentity{Provider: id.Provider, Subject: id.Subject, Email: id.Email}
	err := o.accounts.db.Transact(ctx, func(tx *store.Tx) error {
		if err := tx.CreateUser(ctx, u); err != nil {
			return err
		}
		if err := tx.CreateOrganization(ctx, &org); err != nil {
			return err
		}
		if err := tx.AddMembership(ctx, org.ID, u.ID, store.RoleOwner); err != nil {
			return err
		}
		link.UserID = u.ID
		return tx.LinkOAuthIdentity(ctx, link)
	})
	return u, org.ID, link, err
}

// sessionCookie returns the session token the request already carries.
func (a *Accounts) sessionCookie(r *http.Request) string {
	return a.cookies.SessionToken(r)
}

// startSession starts a session for u after a successful sign-in by
// method ("password", "google", "github") and audits it.
func (a *Accounts) startSession(ctx context.Context, u *store.User, req LoginRequest, method string) (*LoginResult, error) {
	token, sess, err := a.sessions.Start(ctx, u.ID, req.OldSessionToken, req.IP, req.UserAgent)
	if err != nil {
		return nil, fmt.Errorf("sign-in: %w", err)
	}
	ev := userActor(Event{Action: "auth.login", Target: fmt.Sprintf("user:%d", u.ID),
		Details: map[string]any{"method": method, "ip": req.IP, "user_agent": req.UserAgent}}, u.ID, u.Email)
	if err := a.audit.Append(ctx, ev); err != nil {
		return nil, fmt.Errorf("audit login: %w", err)
	}
	return &LoginResult{User: u, Token: token, Session: sess}, nil
}
