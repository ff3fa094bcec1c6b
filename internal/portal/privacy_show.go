package portal

import (
	"net/http"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/store"
)

// privacyView is the privacy policy's view.
type privacyView struct {
	Page Page
	// RetentionDays is the default prompt retention of a new organization.
	RetentionDays int
	// SessionCookie and DeviceCookie name the cookies set over HTTPS.
	SessionCookie, DeviceCookie string
}

// privacyShow serves GET /privacy: what the service collects and does,
// written from the code.
func (p *Portal) privacyShow(w http.ResponseWriter, r *http.Request) error {
	p.render(w, http.StatusOK, "privacy", privacyView{
		Page: p.page(r, "Privacy policy"), RetentionDays: store.DefaultRetentionDays,
		SessionCookie: auth.SessionCookie, DeviceCookie: auth.DeviceCookie,
	})
	return nil
}
