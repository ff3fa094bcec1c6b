package portal

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/store"
)

// errLastOwner keeps every organization with an owner.
var errLastOwner = &pageError{status: http.StatusConflict,
	msg: "The organization's last owner cannot be removed or given another role. Make someone else an owner first."}

// errAbove refuses changing a member who ranks above the caller.
var errAbove = &pageError{status: http.StatusForbidden, msg: "You cannot change a member whose role is above yours."}

// settingsMemberRole serves POST /settings/members/{id}/role: nobody
// grants a role above their own or changes someone ranked above them, and
// the last owner stays an owner. Another organization's member is 404.
func (p *Portal) settingsMemberRole(w http.ResponseWriter, r *http.Request) error {
	pr, err := requireOrgAdmin(r)
	if err != nil {
		return err
	}
	userID, err := pathID(r, "id")
	if err != nil {
		return err
	}
	role, err := auth.ParseRole(r.PostFormValue("role"))
	if err != nil || role > pr.Role {
		return p.memberRefused(w, r, userID, &pageError{status: http.StatusForbidden, msg: "Choose a role no higher than your own."})
	}
	err = p.deps.DB.Transact(r.Context(), func(tx *store.Tx) error {
		old, err := changeableMember(r, tx, pr, userID)
		if err != nil {
			return err
		}
		if old == auth.RoleOwner && role != auth.RoleOwner {
			if err := keepAnOwner(r, tx, pr.OrgID); err != nil {
				return err
			}
		}
		return tx.SetMemberRole(r.Context(), pr.OrgID, userID, role.String())
	})
	if err != nil {
		return p.memberRefused(w, r, userID, err)
	}
	err = p.auditEvent(r, pr.OrgID, "membership.role_change", "user:"+strconv.FormatInt(userID, 10), map[string]any{"role": role.String()})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/settings/members", http.StatusSeeOther)
	return nil
}

// changeableMember returns the member's role, refusing members of other
// organizations (not found) and those ranked above the caller.
func changeableMember(r *http.Request, tx *store.Tx, pr auth.Principal, userID int64) (auth.Role, error) {
	m, err := tx.Membership(r.Context(), pr.OrgID, userID)
	if err != nil {
		return auth.RoleNone, err
	}
	old, err := auth.ParseRole(m.Role)
	if err != nil {
		return auth.RoleNone, err
	}
	if old > pr.Role {
		return auth.RoleNone, errAbove
	}
	return old, nil
}

// keepAnOwner refuses to take away the organization's only owner.
func keepAnOwner(r *http.Request, tx *store.Tx, orgID int64) error {
	n, err := tx.CountOwners(r.Context(), orgID)
	if err != nil {
		return err
	}
	if n <= 1 {
		return errLastOwner
	}
	return nil
}

// memberRefused shows the members page again with a refusal (a role above
// the caller's, the last owner) next to the member's row; a member of
// another organization is 404.
func (p *Portal) memberRefused(w http.ResponseWriter, r *http.Request, userID int64, err error) error {
	var pe *pageError
	if !errors.As(err, &pe) {
		return notFound(err)
	}
	v, verr := p.settingsMembersView(r)
	if verr != nil {
		return verr
	}
	v.Errors = map[string]string{"member-" + strconv.FormatInt(userID, 10): pe.msg}
	p.render(w, pe.status, "settings_members", v)
	return nil
}
