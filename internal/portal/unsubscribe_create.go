package portal

import (
	"errors"
	"net/http"

	"github.com/syncloud/syncloud/internal/mail"
)

// unsubscribeCreate serves POST /unsubscribe?token=: the RFC 8058
// one-click request a mail client sends (body
// "List-Unsubscribe=One-Click"), or the confirmation page's button. The
// signed token is the credential: there is no session and no CSRF token,
// and a forged request needs the token itself.
func (p *Portal) unsubscribeCreate(w http.ResponseWriter, r *http.Request) error {
	if p.deps.Unsubscribes == nil {
		return errNotFound
	}
	token := r.URL.Query().Get("token")
	if token == "" {
		token = r.PostFormValue("token")
	}
	v := unsubscribeView{Page: p.page(r, "Unsubscribe"), Token: token}
	err := p.deps.Unsubscribes.Unsubscribe(r.Context(), token)
	if errors.Is(err, mail.ErrBadUnsubscribeToken) {
		v.Invalid = true
		p.render(w, http.StatusBadRequest, "unsubscribe", v)
		return nil
	}
	if err != nil {
		return err
	}
	v.Done = true
	p.render(w, http.StatusOK, "unsubscribe", v)
	return nil
}
