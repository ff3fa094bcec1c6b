package portal

import (
	"errors"
	"net/http"

	"github.com/syncloud/syncloud/internal/auth"
)

// resetConfirmView is the page a mailed reset link opens: a new password
// twice, or the news that the link no longer works, or that it worked.
type resetConfirmView struct {
	Page   Page
	Token  string
	Errors map[string]string
	// Invalid says the link is unknown, used or expired.
	Invalid bool
	// Done confirms the new password; every session was ended.
	Done bool
}

// resetConfirmShow serves GET /login/reset/{token}.
func (p *Portal) resetConfirmShow(w http.ResponseWriter, r *http.Request) error {
	v := resetConfirmView{Page: p.page(r, "Choose a new password"), Token: r.PathValue("token")}
	err := p.deps.Auth.PasswordResets.Check(r.Context(), v.Token)
	if errors.Is(err, auth.ErrResetInvalid) {
		v.Invalid = true
		p.render(w, http.StatusGone, "reset_confirm", v)
		return nil
	}
	if err != nil {
		return err
	}
	p.render(w, http.StatusOK, "reset_confirm", v)
	return nil
}
