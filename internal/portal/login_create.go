package portal

import (
	"errors"
	"net"
	"net/http"
	"strings"

	"github.com/syncloud/syncloud/internal/auth"
)

// loginCreate serves POST /login: on success the session cookie is set
// and the browser goes to next; on failure the form comes back with the
// email kept.
func (p *Portal) loginCreate(w http.ResponseWriter, r *http.Request) error {
	if err := p.deps.Auth.CSRF.CheckOrigin(r); err != nil {
		return sessionError(r, err)
	}
	email := strings.TrimSpace(r.PostFormValue("email"))
	_, err := p.deps.Auth.SignIn(w, r, email, r.PostFormValue("password"), p.clientIP(r))
	switch {
	case errors.Is(err, auth.ErrInvalidLogin), errors.Is(err, auth.ErrTooManyAttempts):
		v := p.loginView(r, email)
		v.Error = err.Error()
		p.render(w, http.StatusUnauthorized, "login", v)
		return nil
	case err != nil:
		return err
	}
	http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
	return nil
}

// clientIP is the client's address as Deps.ClientIP determines it (the
// web server knows its trusted proxies), else the peer address.
func (p *Portal) clientIP(r *http.Request) string {
	if p.deps.ClientIP != nil {
		return p.deps.ClientIP(r)
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
