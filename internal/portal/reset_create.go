package portal

import (
	"errors"
	"net/http"
	"strings"

	"github.com/syncloud/syncloud/internal/auth"
)

// resetCreate serves POST /login/reset: a reset link is mailed if the
// address belongs to an active account, and the page says the same thing
// either way. Only a malformed address comes back as an error next to the
// field, with what was typed.
func (p *Portal) resetCreate(w http.ResponseWriter, r *http.Request) error {
	if err := p.deps.Auth.CSRF.CheckOrigin(r); err != nil {
		return sessionError(r, err)
	}
	v := resetView{Page: p.page(r, "Reset your password"), Email: strings.TrimSpace(r.PostFormValue("email"))}
	err := p.deps.Auth.PasswordResets.Request(r.Context(), v.Email, p.clientIP(r))
	if errors.Is(err, auth.ErrInvalidInput) {
		v.Errors = map[string]string{"email": "Enter the email address you sign in with."}
		p.render(w, http.StatusUnprocessableEntity, "reset", v)
		return nil
	}
	if err != nil {
		return err
	}
	v.Sent = true
	p.render(w, http.StatusOK, "reset", v)
	return nil
}
