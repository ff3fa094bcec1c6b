package portal

import "net/http"

// signupView is the registration form's view; on rejection it keeps what
// was typed (never the password) and puts each error next to its field.
type signupView struct {
	Page             Page
	Name, Org, Email string
	Error            string
	Errors           map[string]string
}

// signupShow serves GET /signup.
func (p *Portal) signupShow(w http.ResponseWriter, r *http.Request) error {
	p.render(w, http.StatusOK, "signup", signupView{Page: p.page(r, "Sign up")})
	return nil
}
