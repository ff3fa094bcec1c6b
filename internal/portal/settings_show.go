package portal

import (
	"net/http"

	"github.com/syncloud/syncloud/internal/auth"
)

// sessionRow is one of the user's sessions.
type sessionRow struct {
	auth.Session
	// Current marks the session of this browser.
	Current bool
}

// linkedProvider is a configured sign-in provider and whether the user's
// account is linked to it.
type linkedProvider struct {
	Name, Label string
	Linked      bool
	// Email is the provider account's address when linked.
	Email string
}

// settingsView is the "profile and security" page: the profile form
// (name, email), the password form, linked sign-in providers, the
// marketing e-mail choice and the user's sessions, each with a sign-out
// button. Rejected forms come back with what was typed, except passwords.
type settingsView struct {
	Page     Page
	Name     string
	Email    string
	Sessions []sessionRow
	// HasPassword is false for accounts created through a provider.
	HasPassword bool
	Providers   []linkedProvider
	// MarketingOptIn is the user's choice; off (the default) sends no
	// marketing mail.
	MarketingOptIn bool
	// Errors are keyed by field: name, email, email_password, current,
	// new, oauth.
	Errors map[string]string
	// Saved confirms the change the page was redirected after.
	Saved string
}

// savedMessages are the confirmations ?saved= may ask for; anything else
// shows none, so that a link cannot put words on the page.
var savedMessages = map[string]string{
	"profile":   "Your profile was saved.",
	"password":  "Your password was changed. Your other sessions were signed out.",
	"marketing": "Your e-mail preference was saved.",
	"linked":    "The sign-in provider was linked to your account.",
	"unlinked":  "The sign-in provider was unlinked.",
	"org":       "The organization settings were saved.",
	"invited":   "The invitation was sent.",
}

// settingsShow serves GET /settings.
func (p *Portal) settingsShow(w http.ResponseWriter, r *http.Request) error {
	v, err := p.settingsView(r)
	if err != nil {
		return err
	}
	v.Saved = savedMessages[r.URL.Query().Get("saved")]
	p.render(w, http.StatusOK, "settings", v)
	return nil
}

// settingsView loads the page's current values for the signed-in user.
func (p *Portal) settingsView(r *http.Request) (settingsView, error) {
	pr := mustPrincipal(r.Context())
	u, err := p.deps.DB.User(r.Context(), pr.UserID)
	if err != nil {
		return settingsView{}, err
	}
	v := settingsView{Page: p.page(r, "Settings"), Name: u.Name, Email: u.Email,
		HasPassword: u.PasswordHash != "", MarketingOptIn: u.MarketingOptIn}
	v.Page.Path = "/settings" // the tab to mark, also when a rejected form comes back
	ss, err := p.deps.Auth.Sessions.List(r.Context(), pr.UserID)
	if err != nil {
		return v, err
	}
	for _, s := range ss {
		v.Sessions = append(v.Sessions, sessionRow{Session: s, Current: s.ID == pr.SessionID})
	}
	v.Providers, err = p.linkedProviders(r, pr.UserID)
	return v, err
}

// linkedProviders lists the configured providers, marking those linked.
func (p *Portal) linkedProviders(r *http.Request, userID int64) ([]linkedProvider, error) {
	ids, err := p.deps.DB.UserOAuthIdentities(r.Context(), userID)
	if err != nil {
		return nil, err
	}
	var out []linkedProvider
	for _, name := range p.deps.OAuthProviders {
		lp := linkedProvider{Name: name, Label: providerLabel(name)}
		for _, id := range ids {
			if id.Provider == name {
				lp.Linked, lp.Email = true, id.Email
			}
		}
		out = append(out, lp)
	}
	return out, nil
}

// settingsRejected shows the page again with the typed values and the
// field errors, as 422.
func (p *Portal) settingsRejected(w http.ResponseWriter, r *http.Request, typed func(*settingsView), errs map[string]string) error {
	v, err := p.settingsView(r)
	if err != nil {
		return err
	}
	typed(&v)
	v.Errors = errs
	p.render(w, http.StatusUnprocessableEntity, "settings", v)
	return nil
}

// providerLabel is a provider's name as people write it.
func providerLabel(name string) string {
	if l, ok := map[string]string{"google": "Google", "github": "GitHub"}[name]; ok {
		return l
	}
	return name
}
