package portal

import (
	"errors"
	"net/http"
	"strings"

	"github.com/syncloud/syncloud/internal/auth"
)

// settingsInvitationCreate serves POST /settings/invitations: an invitation
// by email with a role no higher than the caller's, mailed with its link.
func (p *Portal) settingsInvitationCreate(w http.ResponseWriter, r *http.Request) error {
	pr, err := requireOrgAdmin(r)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	email, roleName := strings.TrimSpace(r.PostFormValue("email")), r.PostFormValue("role")
	errs := map[string]string{}
	role, err := auth.ParseRole(roleName)
	if err != nil || role > pr.Role {
		errs["role"] = "Choose a role no higher than your own."
	} else if _, err := p.deps.Auth.Invitations.Invite(r.Context(), pr, email, role); err != nil {
		if !errors.Is(err, auth.ErrInvalidInput) {
			return err
		}
		errs["email"] = "Enter a valid email address."
	}
	if len(errs) == 0 {
		http.Redirect(w, r, "/settings/members?saved=invited", http.StatusSeeOther)
		return nil
	}
	v, err := p.settingsMembersView(r)
	if err != nil {
		return err
	}
	v.InviteEmail, v.InviteRole, v.Errors = email, roleName, errs
	p.render(w, http.StatusUnprocessableEntity, "settings_members", v)
	return nil
}
