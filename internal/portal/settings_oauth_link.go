package portal

import (
	"errors"
	"net/http"

	"github.com/syncloud/syncloud/internal/auth"
)

// settingsOAuthLink serves POST /settings/oauth/{provider}/link: the
// browser goes to the provider to sign in there; its callback links that
// account to the signed-in user and lands on /account.
func (p *Portal) settingsOAuthLink(w http.ResponseWriter, r *http.Request) error {
	to, err := p.deps.Auth.OAuth.Begin(w, r.PathValue("provider"), mustPrincipal(r.Context()).UserID)
	if errors.Is(err, auth.ErrUnknownProvider) {
		return errNotFound
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// settingsAccountRedirect serves GET /account, where a provider's link
// callback lands: the settings page, confirming the link.
func (p *Portal) settingsAccountRedirect(w http.ResponseWriter, r *http.Request) error {
	http.Redirect(w, r, "/settings?saved=linked", http.StatusSeeOther)
	return nil
}
