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

// settingsView is the settings page: the user's sessions, each with a
// sign-out button.
type settingsView struct {
	Page     Page
	Sessions []sessionRow
}

// settingsShow serves GET /settings.
func (p *Portal) settingsShow(w http.ResponseWriter, r *http.Request) error {
	pr := mustPrincipal(r.Context())
	ss, err := p.deps.Auth.Sessions.List(r.Context(), pr.UserID)
	if err != nil {
		return err
	}
	v := settingsView{Page: p.page(r, "Settings")}
	for _, s := range ss {
		v.Sessions = append(v.Sessions, sessionRow{Session: s, Current: s.ID == pr.SessionID})
	}
	p.render(w, http.StatusOK, "settings", v)
	return nil
}
