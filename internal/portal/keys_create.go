package portal

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/syncloud/syncloud/internal/auth"
)

// maxKeyDays bounds a key's lifetime chosen in the form.
const maxKeyDays = 3650

// keysCreate serves POST /keys: a key with the chosen name, scopes and
// lifetime in days (empty for none), shown once in full.
func (p *Portal) keysCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return &pageError{status: http.StatusBadRequest, msg: "The form could not be read."}
	}
	scopes := r.PostForm["scope"]
	v, err := p.keysView(r, scopes)
	if err != nil {
		return err
	}
	v.Name, v.Days = r.PostFormValue("name"), strings.TrimSpace(r.PostFormValue("days"))
	in, errs := keyForm(v.Name, v.Days, scopes, time.Now())
	if errs == nil {
		raw, _, err := p.deps.Auth.Keys.Create(r.Context(), mustPrincipal(r.Context()), in)
		errs, err = keyCreateErrors(err)
		if err != nil {
			return err
		}
		if errs == nil {
			return p.keysCreated(w, r, raw)
		}
	}
	v.Errors = errs
	p.render(w, http.StatusUnprocessableEntity, "keys", v)
	return nil
}

// keysCreated shows the new key once, above the refreshed list.
func (p *Portal) keysCreated(w http.ResponseWriter, r *http.Request, raw string) error {
	v, err := p.keysView(r, []string{string(auth.ScopeGenerate)})
	if err != nil {
		return err
	}
	v.NewKey = raw
	p.render(w, http.StatusCreated, "keys", v)
	return nil
}

// keyForm reads the form into a key request or field errors.
func keyForm(name, days string, scopes []string, now time.Time) (auth.NewAPIKey, map[string]string) {
	errs := map[string]string{}
	in := auth.NewAPIKey{Name: name}
	ss, err := auth.ParseScopes(scopes)
	if err != nil || len(ss) == 0 {
		errs["scope"] = "Choose at least one scope."
	}
	in.Scopes = ss
	if days != "" {
		n, err := strconv.Atoi(days)
		if err != nil || n < 1 || n > maxKeyDays {
			errs["days"] = "Enter a whole number of days from 1 to 3650, or leave it empty for no expiry."
		} else {
			t := now.Add(time.Duration(n) * 24 * time.Hour).UTC()
			in.ExpiresAt = &t
		}
	}
	if strings.TrimSpace(name) == "" || len([]rune(name)) > 200 {
		errs["name"] = "Enter a name of 1 to 200 characters."
	}
	if len(errs) == 0 {
		return in, nil
	}
	return in, errs
}

// keyCreateErrors turns the service's refusals into field errors.
func keyCreateErrors(err error) (map[string]string, error) {
	switch {
	case err == nil:
		return nil, nil
	case errors.Is(err, auth.ErrForbidden):
		return map[string]string{"scope": "Your role cannot grant these scopes."}, nil
	case errors.Is(err, auth.ErrInvalidInput):
		return map[string]string{"name": strings.TrimPrefix(err.Error(), auth.ErrInvalidInput.Error()+": ")}, nil
	}
	return nil, err
}
