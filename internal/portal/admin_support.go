package portal

import (
	"net/http"

	"github.com/syncloud/syncloud/internal/store"
)

// supportListLimit bounds the messages the admin page shows.
const supportListLimit = 200

// adminSupportView lists the contact form's messages.
type adminSupportView struct {
	Page     Page
	Messages []store.SupportMessage
}

// adminSupport serves GET /admin/support: the contact messages, newest
// first, for platform administrators only.
func (p *Portal) adminSupport(w http.ResponseWriter, r *http.Request) error {
	if err := p.requirePlatformAdmin(r); err != nil {
		return err
	}
	msgs, err := p.deps.Support.List(r.Context(), supportListLimit)
	if err != nil {
		return err
	}
	p.render(w, http.StatusOK, "admin_support", adminSupportView{Page: p.page(r, "Support messages"), Messages: msgs})
	return nil
}

// requirePlatformAdmin refuses users who do not run the platform; to
// them the admin pages do not exist.
func (p *Portal) requirePlatformAdmin(r *http.Request) error {
	u, err := p.deps.DB.User(r.Context(), mustPrincipal(r.Context()).UserID)
	if err != nil {
		return err
	}
	if !u.IsPlatformAdmin {
		return errNotFound
	}
	return nil
}
