package portal

import (
	"errors"
	"net/http"
	"strings"

	"github.com/syncloud/syncloud/internal/auth"
)

// settingsPasswordUpdate serves POST /settings/password: the current
// password confirms the new one. Every other session of the user ends;
// this browser continues with a new session.
func (p *Portal) settingsPasswordUpdate(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	pr := mustPrincipal(r.Context())
	token, err := p.deps.Auth.Accounts.ChangePassword(r.Context(), auth.PasswordChange{
		UserID: pr.UserID, Current: r.PostFormValue("current_password"), New: r.PostFormValue("new_password"),
		IP: p.clientIP(r), UserAgent: r.UserAgent(), CurrentSessionTok: p.deps.Auth.Cookies.SessionToken(r),
	})
	if err != nil {
		field, msg, ok := passwordFieldError(err)
		if !ok {
			return err
		}
		return p.settingsRejected(w, r, func(*settingsView) {}, map[string]string{field: msg})
	}
	p.deps.Auth.Cookies.SetSession(w, token)
	http.Redirect(w, r, "/settings?saved=password", http.StatusSeeOther)
	return nil
}

// passwordFieldError names the password field an error belongs to.
func passwordFieldError(err error) (field, msg string, ok bool) {
	switch {
	case errors.Is(err, auth.ErrWrongPassword):
		return "current", "The current password is wrong.", true
	case errors.Is(err, auth.ErrTooManyAttempts):
		return "current", "Too many wrong passwords. Try again later.", true
	case errors.Is(err, auth.ErrInvalidInput):
		return "new", strings.TrimPrefix(err.Error(), auth.ErrInvalidInput.Error()+": "), true
	}
	return "", "", false
}
