package portal

import (
	"net/http"
	"strconv"
)

// settingsInvitationRevoke serves POST /settings/invitations/{id}/revoke:
// the emailed link stops working. Another organization's invitation is
// 404.
func (p *Portal) settingsInvitationRevoke(w http.ResponseWriter, r *http.Request) error {
	pr, err := requireOrgAdmin(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := p.deps.DB.DeleteInvitation(r.Context(), pr.OrgID, id); err != nil {
		return notFound(err)
	}
	if err := p.auditEvent(r, pr.OrgID, "membership.invite_revoke", "invitation:"+strconv.FormatInt(id, 10), nil); err != nil {
		return err
	}
	http.Redirect(w, r, "/settings/members", http.StatusSeeOther)
	return nil
}
