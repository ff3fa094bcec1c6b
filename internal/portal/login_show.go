package portal

import (
	"net/http"
	"strings"
)

// provider is a "Continue with ..." button.
type provider struct {
	Name, Label string
}

// loginView is the sign-in form's view.
type loginView struct {
	Page      Page
	Email     string
	Next      string
	Error     string
	Providers []provider
}

// loginShow serves GET /login; next is where to go once signed in.
func (p *Portal) loginShow(w http.ResponseWriter, r *http.Request) error {
	p.render(w, http.StatusOK, "login", p.loginView(r, ""))
	return nil
}

func (p *Portal) loginView(r *http.Request, email string) loginView {
	v := loginView{Page: p.page(r, "Sign in"), Email: email, Next: safeNext(r.FormValue("next"))}
	for _, name := range p.deps.OAuthProviders {
		label := map[string]string{"google": "Google", "github": "GitHub"}[name]
		if label == "" {
			label = name
		}
		v.Providers = append(v.Providers, provider{Name: name, Label: label})
	}
	return v
}

// safeNext keeps only same-site paths, so that next cannot send a signed-in
// user to another site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/playground"
	}
	return next
}
