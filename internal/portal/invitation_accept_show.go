package portal

import (
	"crypto/sha256"
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/syncloud/syncloud/internal/store"
)

// invitationView is the page a mailed invitation link opens: which
// organization invites, with which role, and a button to join.
type invitationView struct {
	Page  Page
	Token string
	Org   string
	Role  string
	Error string
	// Invalid says the link is unknown, used or expired.
	Invalid bool
	// Joined confirms the membership.
	Joined bool
}

// invitationAcceptShow serves GET /invitations/accept?token=, the link of
// an invitation mail. Visitors sign in first and come back here (the
// token stays in next).
func (p *Portal) invitationAcceptShow(w http.ResponseWriter, r *http.Request) error {
	pr, err := p.deps.Auth.Session(r)
	if err != nil {
		return &redirectError{to: "/login?next=" + url.QueryEscape(r.URL.RequestURI())}
	}
	r = r.WithContext(withPrincipal(r.Context(), pr))
	v := invitationView{Page: p.page(r, "Invitation"), Token: r.URL.Query().Get("token")}
	sum := sha256.Sum256([]byte(v.Token))
	inv, err := p.deps.DB.InvitationByTokenHash(r.Context(), sum[:])
	if errors.Is(err, store.ErrNotFound) || (err == nil && (inv.AcceptedAt != nil || !time.Now().Before(inv.ExpiresAt))) {
		v.Invalid = true
		p.render(w, http.StatusGone, "invitation_accept", v)
		return nil
	}
	if err != nil {
		return err
	}
	org, err := p.deps.DB.Organization(r.Context(), inv.OrgID)
	if err != nil {
		return err
	}
	v.Org, v.Role = org.Name, inv.Role
	p.render(w, http.StatusOK, "invitation_accept", v)
	return nil
}
