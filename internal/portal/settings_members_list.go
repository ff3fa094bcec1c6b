package portal

import (
	"net/http"
	"time"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/store"
)

// memberRow is one member of the organization.
type memberRow struct {
	store.Member
	// Manageable members rank at most as high as the caller, an admin or
	// owner: their role can change and they can be removed.
	Manageable bool
	// Self marks the caller.
	Self bool
}

// invitationRow is an invitation not yet accepted.
type invitationRow struct {
	store.Invitation
	Expired bool
}

// settingsMembersView is the members page: members with their roles,
// pending invitations and the invitation form.
type settingsMembersView struct {
	Page        Page
	Members     []memberRow
	Invitations []invitationRow
	// Roles are the roles the caller may grant, lowest first.
	Roles []string
	// CanManage shows the forms: administrators and owners only.
	CanManage bool
	// InviteEmail and InviteRole are the invitation form as typed.
	InviteEmail, InviteRole string
	Errors                  map[string]string
	Saved                   string
}

// settingsMembersList serves GET /settings/members.
func (p *Portal) settingsMembersList(w http.ResponseWriter, r *http.Request) error {
	v, err := p.settingsMembersView(r)
	if err != nil {
		return err
	}
	v.Saved = savedMessages[r.URL.Query().Get("saved")]
	p.render(w, http.StatusOK, "settings_members", v)
	return nil
}

func (p *Portal) settingsMembersView(r *http.Request) (settingsMembersView, error) {
	pr := mustPrincipal(r.Context())
	v := settingsMembersView{Page: p.page(r, "Members"), CanManage: pr.AtLeast(auth.RoleAdmin), InviteRole: "member"}
	v.Page.Path = "/settings/members"
	ms, err := p.deps.DB.Members(r.Context(), pr.OrgID)
	if err != nil {
		return v, err
	}
	for _, m := range ms {
		role, _ := auth.ParseRole(m.Role)
		v.Members = append(v.Members, memberRow{Member: m, Self: m.UserID == pr.UserID,
			Manageable: v.CanManage && role <= pr.Role})
	}
	for role := auth.RoleViewer; role <= pr.Role; role++ {
		v.Roles = append(v.Roles, role.String())
	}
	if !v.CanManage {
		return v, nil
	}
	invs, err := p.deps.DB.Invitations(r.Context(), pr.OrgID)
	now := time.Now()
	for _, inv := range invs {
		if inv.AcceptedAt == nil {
			v.Invitations = append(v.Invitations, invitationRow{Invitation: inv, Expired: !now.Before(inv.ExpiresAt)})
		}
	}
	return v, err
}
