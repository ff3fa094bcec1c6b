package portal

import (
	"context"
	"net/http"
	"strings"

	"github.com/syncloud/syncloud/internal/auth"
)

// Tab is one entry of a section's sub-navigation.
type Tab struct {
	Href, Label string
}

// settingsTabs are the pages of /settings; every member sees them all,
// and the forms only administrators may use are hidden from the others.
var settingsTabs = []Tab{
	{"/settings", "Profile and security"},
	{"/settings/organization", "Organization"},
	{"/settings/members", "Members"},
	{"/settings/connections", "AWS connections"},
}

// adminTabs are the pages of the Admin Console. /admin/outbox is the mail
// outbox, served by the mail pages.
var adminTabs = []Tab{
	{"/admin", "Health"},
	{"/admin/users", "Users"},
	{"/admin/organizations", "Organizations"},
	{"/admin/audit", "Platform audit log"},
	{"/admin/support", "Support messages"},
	{"/admin/outbox", "Mail outbox"},
}

// sectionTabs picks the sub-navigation of the section path is in.
func sectionTabs(path string, platformAdmin bool) []Tab {
	switch {
	case path == "/settings" || strings.HasPrefix(path, "/settings/"):
		return settingsTabs
	case platformAdmin && (path == "/admin" || strings.HasPrefix(path, "/admin/")):
		return adminTabs
	}
	return nil
}

// isPlatformAdmin reports whether the user runs the platform; a failed
// lookup counts as no.
func (p *Portal) isPlatformAdmin(ctx context.Context, userID int64) bool {
	u, err := p.deps.DB.User(ctx, userID)
	return err == nil && u.IsPlatformAdmin && u.DisabledAt == nil
}

// errAdminsOnly refuses organization settings to members and viewers.
var errAdminsOnly = &pageError{status: http.StatusForbidden,
	msg: "Only the organization's administrators and owners can change this."}

// requireOrgAdmin refuses callers below admin in their organization.
func requireOrgAdmin(r *http.Request) (auth.Principal, error) {
	pr := mustPrincipal(r.Context())
	if !pr.AtLeast(auth.RoleAdmin) {
		return pr, errAdminsOnly
	}
	return pr, nil
}

// parseForm reads a posted form or refuses it as unreadable.
func parseForm(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return &pageError{status: http.StatusBadRequest, msg: "The form could not be read."}
	}
	return nil
}

// audit records a portal event in the caller's organization chain (orgID
// 0: the platform chain).
func (p *Portal) audit(r *http.Request, orgID int64, action, target string, details map[string]any) error {
	if p.deps.Audit == nil {
		return nil
	}
	pr := mustPrincipal(r.Context())
	return p.deps.Audit.Append(r.Context(), auth.Event{OrgID: orgID, ActorType: "user", ActorID: pr.UserID,
		Action: action, Target: target, Details: details})
}
