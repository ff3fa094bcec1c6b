package portal

import (
	"errors"
	"net/http"
	"strings"

	"github.com/syncloud/syncloud/internal/auth"
)

// signupCreate serves POST /signup: a new user owning a new organization,
// signed in at once and sent to the playground.
func (p *Portal) signupCreate(w http.ResponseWriter, r *http.Request) error {
	if err := p.deps.Auth.CSRF.CheckOrigin(r); err != nil {
		return sessionError(r, err)
	}
	v := signupView{Page: p.page(r, "Sign up"), Name: r.PostFormValue("name"),
		Org: r.PostFormValue("org"), Email: strings.TrimSpace(r.PostFormValue("email"))}
	password := r.PostFormValue("password")
	_, _, err := p.deps.Auth.Accounts.Register(r.Context(), auth.Registration{
		Email: v.Email, Name: v.Name, OrgName: v.Org, Password: password})
	if err != nil {
		field, msg, ok := signupFieldError(err)
		if !ok {
			return err
		}
		v.Errors = map[string]string{field: msg}
		v.Error = "Please correct the highlighted field."
		p.render(w, http.StatusUnprocessableEntity, "signup", v)
		return nil
	}
	if _, err := p.deps.Auth.SignIn(w, r, v.Email, password, p.clientIP(r)); err != nil {
		return err
	}
	http.Redirect(w, r, "/playground", http.StatusSeeOther)
	return nil
}

// signupFieldError names the form field a registration error belongs to
// and the message to show there; ok is false for errors that are not the
// visitor's.
func signupFieldError(err error) (field, msg string, ok bool) {
	if errors.Is(err, auth.ErrEmailTaken) {
		return "email", "An account with this email already exists. Sign in instead?", true
	}
	if !errors.Is(err, auth.ErrInvalidInput) {
		return "", "", false
	}
	text := err.Error()
	switch {
	case strings.Contains(text, "email"):
		return "email", "Enter a valid email address.", true
	case strings.Contains(text, "organization name"):
		return "org", "Enter an organization name of 1 to 200 characters.", true
	case strings.Contains(text, "name must"):
		return "name", "Enter your name, 1 to 200 characters.", true
	}
	return "password", strings.TrimPrefix(text, auth.ErrInvalidInput.Error()+": "), true
}
