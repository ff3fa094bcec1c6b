package portal

import "net/http"

// logoutCreate serves POST /logout: the session ends, the cookie is
// cleared and the browser returns to the landing page.
func (p *Portal) logoutCreate(w http.ResponseWriter, r *http.Request) error {
	if err := p.deps.Auth.Accounts.Logout(r.Context(), p.deps.Auth.Cookies.SessionToken(r)); err != nil {
		return err
	}
	p.deps.Auth.Cookies.ClearSession(w)
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}
