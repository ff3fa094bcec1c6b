package portal

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/syncloud/syncloud/internal/auth"
)

// settingsMemberRole serves POST /settings/members/{id}/role under
// auth.Members' rules: nobody grants a role above their own or changes
// someone ranked above them, and the last owner stays an owner. Another
// organization's member is 404.
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
	if err != nil {
		return p.memberRefused(w, r, userID, &pageError{status: http.StatusBadRequest, msg: "Choose one of the roles listed."})
	}
	if err := p.deps.Auth.Members.SetRole(r.Context(), pr, userID, role); err != nil {
		return p.memberRefused(w, r, userID, err)
	}
	http.Redirect(w, r, "/settings/members", http.StatusSeeOther)
	return nil
}

// memberRefusal is the page error of a refused membership change; other
// errors (a member of another organization) are not refusals.
func memberRefusal(err error) (*pageError, bool) {
	var pe *pageError
	switch {
	case errors.As(err, &pe):
		return pe, true
	case errors.Is(err, auth.ErrLastOwner):
		return &pageError{status: http.StatusConflict,
			msg: "The organization's last owner cannot be removed or given another role. Make someone else an owner first."}, true
	case errors.Is(err, auth.ErrForbidden):
		return &pageError{status: http.StatusForbidden, msg: "You cannot give a role above yours or change a member whose role is above yours."}, true
	}
	return nil, false
}

// memberRefused shows the members page again with a refusal (a role above
// the caller's, the last owner) next to the member's row; a member of
// another organization is 404.
func (p *Portal) memberRefused(w http.ResponseWriter, r *http.Request, userID int64, err error) error {
	pe, ok := memberRefusal(err)
	if !ok {
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
