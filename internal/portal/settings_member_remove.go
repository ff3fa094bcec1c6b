package portal

import (
	"net/http"
)

// settingsMemberRemove serves POST /settings/members/{id}/remove, under
// the rules of a role change. A member who removes themself leaves the
// organization.
func (p *Portal) settingsMemberRemove(w http.ResponseWriter, r *http.Request) error {
	pr, err := requireOrgAdmin(r)
	if err != nil {
		return err
	}
	userID, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := p.deps.Auth.Members.Remove(r.Context(), pr, userID); err != nil {
		return p.memberRefused(w, r, userID, err)
	}
	to := "/settings/members"
	if userID == pr.UserID {
		to = "/settings"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}
