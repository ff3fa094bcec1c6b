package portal

import (
	"errors"
	"net/http"

	"github.com/syncloud/syncloud/internal/mail"
)

// unsubscribeView confirms stopping marketing mail from a one-click link.
type unsubscribeView struct {
	Page  Page
	Token string
	Email string
	// Invalid says the link was altered or its account is gone.
	Invalid bool
	// Done confirms the opt-out.
	Done bool
}

// unsubscribeShow serves GET /unsubscribe?token=: a confirmation page
// whose button posts back. Opening a link must not change anything (mail
// scanners open links), so only the POST unsubscribes.
func (p *Portal) unsubscribeShow(w http.ResponseWriter, r *http.Request) error {
	if p.deps.Unsubscribes == nil {
		return errNotFound
	}
	v := unsubscribeView{Page: p.page(r, "Unsubscribe"), Token: r.URL.Query().Get("token")}
	u, err := p.deps.Unsubscribes.Recipient(r.Context(), v.Token)
	if errors.Is(err, mail.ErrBadUnsubscribeToken) {
		v.Invalid = true
		p.render(w, http.StatusBadRequest, "unsubscribe", v)
		return nil
	}
	if err != nil {
		return err
	}
	v.Email = u.Email
	p.render(w, http.StatusOK, "unsubscribe", v)
	return nil
}
