package portal

import (
	"errors"
	"net/http"

	"github.com/syncloud/syncloud/internal/auth"
)

// settingsSessionEnd serves POST /settings/sessions/{id}/end: one of the
// user's sessions ends; ending this browser's own signs it out. Another
// user's session ID is "not found".
func (p *Portal) settingsSessionEnd(w http.ResponseWriter, r *http.Request) error {
	pr := mustPrincipal(r.Context())
	id := r.PathValue("id")
	err := p.deps.Auth.Sessions.EndByID(r.Context(), pr.UserID, id)
	if errors.Is(err, auth.ErrNoSession) || errors.Is(err, auth.ErrUnauthorized) {
		return errNotFound
	}
	if err != nil {
		return err
	}
	if id == pr.SessionID {
		p.deps.Auth.Cookies.ClearSession(w)
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	http.Redirect(w, r, "/settings", http.StatusSeeOther)
	return nil
}
