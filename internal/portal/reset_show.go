package portal

import (
	"net/http"
	"net/url"
)

// resetView is the "forgot password" form: it asks for the email address,
// and once sent says a link went out if the account exists.
type resetView struct {
	Page   Page
	Email  string
	Errors map[string]string
	// Sent confirms the request; it reads the same whether or not the
	// address has an account.
	Sent bool
}

// resetShow serves GET /login/reset. A link of the form ?token= goes on
// to the page that chooses the new password.
func (p *Portal) resetShow(w http.ResponseWriter, r *http.Request) error {
	if token := r.URL.Query().Get("token"); token != "" {
		http.Redirect(w, r, "/login/reset/"+url.PathEscape(token), http.StatusSeeOther)
		return nil
	}
	p.render(w, http.StatusOK, "reset", resetView{Page: p.page(r, "Reset your password")})
	return nil
}
