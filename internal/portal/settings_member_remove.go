package portal

import (
	"net/http"
	"strconv"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/store"
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
	err = p.deps.DB.Transact(r.Context(), func(tx *store.Tx) error {
		old, err := changeableMember(r, tx, pr, userID)
		if err != nil {
			return err
		}
		if old == auth.RoleOwner {
			if err := keepAnOwner(r, tx, pr.OrgID); err != nil {
				return err
			}
		}
		return tx.RemoveMembership(r.Context(), pr.OrgID, userID)
	})
	if err != nil {
		return p.memberRefused(w, r, userID, err)
	}
	if err := p.auditEvent(r, pr.OrgID, "membership.remove", "user:"+strconv.FormatInt(userID, 10), nil); err != nil {
		return err
	}
	to := "/settings/members"
	if userID == pr.UserID {
		to = "/settings"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}
