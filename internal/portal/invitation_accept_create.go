package portal

import (
	"errors"
	"net/http"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/store"
)

// invitationAcceptCreate serves POST /invitations/accept: the signed-in
// user joins the inviting organization, if the invitation was sent to
// their email address.
func (p *Portal) invitationAcceptCreate(w http.ResponseWriter, r *http.Request) error {
	v := invitationView{Page: p.page(r, "Invitation"), Token: r.PostFormValue("token")}
	inv, err := p.deps.Auth.Invitations.Accept(r.Context(), mustPrincipal(r.Context()).UserID, v.Token)
	switch {
	case errors.Is(err, store.ErrNotFound):
		v.Invalid = true
		p.render(w, http.StatusGone, "invitation_accept", v)
		return nil
	case errors.Is(err, auth.ErrInvitationEmail):
		v.Error = "This invitation was sent to another email address. Sign in with that address to accept it."
		p.render(w, http.StatusForbidden, "invitation_accept", v)
		return nil
	case errors.Is(err, store.ErrConflict):
		v.Error = "You are already a member of this organization."
		p.render(w, http.StatusConflict, "invitation_accept", v)
		return nil
	case err != nil:
		return err
	}
	org, err := p.deps.DB.Organization(r.Context(), inv.OrgID)
	if err != nil {
		return err
	}
	v.Joined, v.Org, v.Role = true, org.Name, inv.Role
	p.render(w, http.StatusOK, "invitation_accept", v)
	return nil
}
