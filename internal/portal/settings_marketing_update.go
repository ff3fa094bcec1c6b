package portal

import (
	"net/http"
)

// settingsMarketingUpdate serves POST /settings/marketing: the user's
// choice to receive marketing e-mail (off unless ticked). The change is
// recorded in the audit log.
func (p *Portal) settingsMarketingUpdate(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	optIn := r.PostFormValue("marketing") == "on"
	if err := p.deps.Auth.Accounts.SetMarketingConsent(r.Context(), mustPrincipal(r.Context()).UserID, optIn); err != nil {
		return err
	}
	http.Redirect(w, r, "/settings?saved=marketing", http.StatusSeeOther)
	return nil
}
