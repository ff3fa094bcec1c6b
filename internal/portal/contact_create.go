package portal

import (
	"errors"
	"net/http"

	"github.com/syncloud/syncloud/internal/support"
)

// contactCreate serves POST /contact: the message is stored for the
// platform administrators (the admin console lists it), and the sender is
// told so. Signed-in senders are linked to their account.
func (p *Portal) contactCreate(w http.ResponseWriter, r *http.Request) error {
	if err := p.deps.Auth.CSRF.CheckOrigin(r); err != nil {
		return sessionError(r, err)
	}
	v := contactView{Page: p.page(r, "Contact us"), Name: r.PostFormValue("name"), Email: r.PostFormValue("email"),
		Subject: r.PostFormValue("subject"), Body: r.PostFormValue("body")}
	m := support.Message{Name: v.Name, Email: v.Email, Subject: v.Subject, Body: v.Body}
	if pr, err := p.deps.Auth.Session(r); err == nil {
		m.UserID = pr.UserID
	}
	_, err := p.deps.Support.Submit(r.Context(), m)
	var fe *support.FieldError
	if errors.As(err, &fe) {
		v.Errors = map[string]string{fe.Field: fe.Msg}
		p.render(w, http.StatusUnprocessableEntity, "contact", v)
		return nil
	}
	if err != nil {
		return err
	}
	p.render(w, http.StatusCreated, "contact", contactView{Page: v.Page, Sent: true})
	return nil
}
