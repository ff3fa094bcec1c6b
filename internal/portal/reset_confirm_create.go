package portal

import (
	"errors"
	"net/http"
	"strings"

	"github.com/syncloud/syncloud/internal/auth"
)

// resetConfirmCreate serves POST /login/reset/{token}: the new password,
// typed twice. On success the link is spent, every session of the
// account ends and the page asks to sign in again; a rejected password
// comes back with the error next to its field.
func (p *Portal) resetConfirmCreate(w http.ResponseWriter, r *http.Request) error {
	if err := p.deps.Auth.CSRF.CheckOrigin(r); err != nil {
		return sessionError(r, err)
	}
	v := resetConfirmView{Page: p.page(r, "Choose a new password"), Token: r.PathValue("token")}
	password := r.PostFormValue("password")
	if password != r.PostFormValue("confirm") {
		v.Errors = map[string]string{"confirm": "The two passwords differ."}
		p.render(w, http.StatusUnprocessableEntity, "reset_confirm", v)
		return nil
	}
	_, err := p.deps.Auth.PasswordResets.Confirm(r.Context(), v.Token, password, p.clientIP(r))
	switch {
	case errors.Is(err, auth.ErrResetInvalid):
		v.Invalid = true
		p.render(w, http.StatusGone, "reset_confirm", v)
		return nil
	case errors.Is(err, auth.ErrInvalidInput):
		v.Errors = map[string]string{"password": passwordProblem(err)}
		p.render(w, http.StatusUnprocessableEntity, "reset_confirm", v)
		return nil
	case err != nil:
		return err
	}
	v.Done = true
	p.render(w, http.StatusOK, "reset_confirm", v)
	return nil
}

// passwordProblem is why a new password was refused ("password must have
// at least 8 characters"), for the field's error.
func passwordProblem(err error) string {
	return strings.TrimPrefix(err.Error(), auth.ErrInvalidInput.Error()+": ")
}
