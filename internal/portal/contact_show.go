package portal

import "net/http"

// contactView is the contact form; on rejection it keeps what was typed
// and puts the error next to its field.
type contactView struct {
	Page                       Page
	Name, Email, Subject, Body string
	Errors                     map[string]string
	// Sent confirms a stored message.
	Sent bool
}

// contactShow serves GET /contact.
func (p *Portal) contactShow(w http.ResponseWriter, r *http.Request) error {
	p.render(w, http.StatusOK, "contact", contactView{Page: p.page(r, "Contact us")})
	return nil
}
