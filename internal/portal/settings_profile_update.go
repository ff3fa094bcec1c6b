package portal

import (
	"errors"
	"net/http"
	"strings"

	"github.com/syncloud/syncloud/internal/auth"
)

// settingsProfileUpdate serves POST /settings/profile: a new name and
// email. A new email must be confirmed with the current password.
func (p *Portal) settingsProfileUpdate(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	pr := mustPrincipal(r.Context())
	name, email := r.PostFormValue("name"), strings.TrimSpace(r.PostFormValue("email"))
	_, err := p.deps.Auth.Accounts.UpdateAccount(r.Context(), auth.AccountUpdate{UserID: pr.UserID,
		Name: name, Email: email, Password: r.PostFormValue("password"), IP: p.clientIP(r)})
	if err != nil {
		field, msg, ok := profileFieldError(err)
		if !ok {
			return err
		}
		typed := func(v *settingsView) { v.Name, v.Email = name, email }
		return p.settingsRejected(w, r, typed, map[string]string{field: msg})
	}
	http.Redirect(w, r, "/settings?saved=profile", http.StatusSeeOther)
	return nil
}

// profileFieldError names the profile field an error belongs to and the
// message shown there; ok is false for errors that are not the user's.
func profileFieldError(err error) (field, msg string, ok bool) {
	switch {
	case errors.Is(err, auth.ErrEmailTaken):
		return "email", "Another account uses this email address.", true
	case errors.Is(err, auth.ErrWrongPassword):
		return "email_password", "Enter your current password to change your email address.", true
	case errors.Is(err, auth.ErrTooManyAttempts):
		return "email_password", "Too many wrong passwords. Try again later.", true
	case !errors.Is(err, auth.ErrInvalidInput):
		return "", "", false
	case strings.Contains(err.Error(), "email"):
		return "email", "Enter a valid email address.", true
	}
	return "name", "Enter your name, 1 to 200 characters.", true
}
