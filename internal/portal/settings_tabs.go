package portal

import (
	"context"
	"strings"
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
