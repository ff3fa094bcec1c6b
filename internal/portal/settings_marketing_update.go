package portal

import (
	"net/http"
	"strconv"
)

// settingsMarketingUpdate serves POST /settings/marketing: the user's
// choice to receive marketing e-mail (off unless ticked). The change is
// recorded in the audit log.
func (p *Portal) settingsMarketingUpdate(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	pr := mustPrincipal(r.Context())
	u, err := p.deps.DB.User(r.Context(), pr.UserID)
	if err != nil {
		return err
	}
	optIn := r.PostFormValue("marketing") == "on"
	if optIn != u.MarketingOptIn {
		if err := p.deps.DB.UpdateUserProfile(r.Context(), u.ID, u.Name, u.Email, optIn); err != nil {
			return err
		}
		err := p.auditEvent(r, 0, "account.marketing_consent", "user:"+strconv.FormatInt(u.ID, 10),
			map[string]any{"marketing_opt_in": optIn})
		if err != nil {
			return err
		}
	}
	http.Redirect(w, r, "/settings?saved=marketing", http.StatusSeeOther)
	return nil
}
