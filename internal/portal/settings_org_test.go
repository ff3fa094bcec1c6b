package portal

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestSettingsOrganization(t *testing.T) {
	sp := newSettingsPortal(t)
	owner := sp.browser(t)
	owner.signUp("ada@example.com", "Analytical")
	_, org := sp.user(t, "ada@example.com")
	owner.do(http.MethodGet, "/settings/organization", nil)
	st, _, body := owner.post("/settings/organization", url.Values{"name": {"Analytical Engines"}, "retention_days": {"-1"}})
	if st != http.StatusUnprocessableEntity {
		t.Fatalf("negative retention: %d", st)
	}
	wantIn(t, "rejected form", body, `id="retention_days-error"`, `value="-1"`, `value="Analytical Engines"`, `aria-invalid="true"`)
	if st, loc, _ := owner.post("/settings/organization", url.Values{"name": {"Analytical Engines"}, "retention_days": {"7"}}); st != http.StatusSeeOther || loc != "/settings/organization?saved=org" {
		t.Fatalf("save: %d %q", st, loc)
	}
	o, err := sp.db.Organization(context.Background(), org)
	if err != nil || o.Name != "Analytical Engines" || o.RetentionDays != 7 || o.Plan != "free" {
		t.Fatalf("organization = %+v, %v", o, err)
	}
	if evs := sp.events(t, org, "organization.update"); len(evs) != 1 || !strings.Contains(string(evs[0].Details), `"retention_days":7`) {
		t.Errorf("audit: %+v", evs)
	}

	viewer := sp.member(t, "vic@example.com", org, "member")
	_, _, page := viewer.do(http.MethodGet, "/settings/organization", nil)
	if strings.Contains(page, `action="/settings/organization"`) || !strings.Contains(page, "7 days") {
		t.Error("a member sees the form, or not the retention")
	}
	if st, _, _ := viewer.post("/settings/organization", url.Values{"name": {"Mine now"}, "retention_days": {"3650"}}); st != http.StatusForbidden {
		t.Errorf("member saving: %d, want 403", st)
	}
	if o, _ := sp.db.Organization(context.Background(), org); o.Name != "Analytical Engines" {
		t.Error("a member changed the organization")
	}
}

func TestSettingsMembersRoles(t *testing.T) {
	sp := newSettingsPortal(t)
	owner := sp.browser(t)
	owner.signUp("ada@example.com", "Analytical")
	ada, org := sp.user(t, "ada@example.com")
	admin := sp.member(t, "bob@example.com", org, "admin")
	sp.member(t, "cy@example.com", org, "viewer")
	bob, _ := sp.user(t, "bob@example.com")
	cy, _ := sp.user(t, "cy@example.com")
	role := func(userID int64) string {
		m, err := sp.db.Membership(context.Background(), org, userID)
		if err != nil {
			return "none"
		}
		return m.Role
	}
	id := func(n int64) string { return strconv.FormatInt(n, 10) }

	_, _, page := admin.do(http.MethodGet, "/settings/members", nil)
	if strings.Contains(page, `action="/settings/members/`+id(ada.ID)+`/remove"`) || strings.Contains(page, `<option value="owner"`) {
		t.Error("an admin is offered to change the owner or to grant owner")
	}
	tests := []struct {
		name   string
		b      *browser
		path   string
		role   string
		status int
		check  func() bool
	}{
		{"admin grants owner", admin, "/settings/members/" + id(cy.ID) + "/role", "owner", 403, func() bool { return role(cy.ID) == "viewer" }},
		{"admin demotes owner", admin, "/settings/members/" + id(ada.ID) + "/role", "member", 403, func() bool { return role(ada.ID) == "owner" }},
		{"admin removes owner", admin, "/settings/members/" + id(ada.ID) + "/remove", "", 403, func() bool { return role(ada.ID) == "owner" }},
		{"admin promotes viewer", admin, "/settings/members/" + id(cy.ID) + "/role", "member", 303, func() bool { return role(cy.ID) == "member" }},
		{"last owner demotes self", owner, "/settings/members/" + id(ada.ID) + "/role", "admin", 409, func() bool { return role(ada.ID) == "owner" }},
		{"owner makes bob owner", owner, "/settings/members/" + id(bob.ID) + "/role", "owner", 303, func() bool { return role(bob.ID) == "owner" }},
		{"owner removes member", owner, "/settings/members/" + id(cy.ID) + "/remove", "", 303, func() bool { return role(cy.ID) == "none" }},
		{"unknown member", owner, "/settings/members/999999/remove", "", 404, func() bool { return true }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.b.do(http.MethodGet, "/settings/members", nil)
			st, _, body := tc.b.post(tc.path, url.Values{"role": {tc.role}})
			if st != tc.status {
				t.Errorf("status %d, want %d\n%s", st, tc.status, body)
			}
			if target := strings.Split(tc.path, "/")[3]; tc.status == 403 || tc.status == 409 {
				wantIn(t, "refusal", body, `id="member-`+target+`-error"`)
			}
			if !tc.check() {
				t.Error("the membership changed when it must not, or did not change")
			}
		})
	}
	if n := len(sp.events(t, org, "membership.")); n != 3 {
		t.Errorf("%d membership events, want 3 (two role changes, one removal)", n)
	}
}

func TestSettingsInvitations(t *testing.T) {
	sp := newSettingsPortal(t)
	owner := sp.browser(t)
	owner.signUp("ada@example.com", "Analytical")
	_, org := sp.user(t, "ada@example.com")
	owner.do(http.MethodGet, "/settings/members", nil)
	st, _, body := owner.post("/settings/invitations", url.Values{"email": {"not an address"}, "role": {"admin"}})
	if st != http.StatusUnprocessableEntity {
		t.Fatalf("bad address: %d", st)
	}
	wantIn(t, "rejected invitation", body, `id="email-error"`, `value="not an address"`, `<option value="admin" selected>`)
	if st, loc, _ := owner.post("/settings/invitations", url.Values{"email": {"carol@example.com"}, "role": {"member"}}); st != http.StatusSeeOther || loc != "/settings/members?saved=invited" {
		t.Fatalf("invite: %d %q", st, loc)
	}
	mails, err := sp.db.OutboxMails(context.Background(), 10)
	if err != nil || len(mails) != 1 || mails[0].To != "carol@example.com" || !strings.Contains(mails[0].Body, "/invitations/accept?token=") {
		t.Fatalf("outbox: %+v, %v", mails, err)
	}
	_, _, page := owner.do(http.MethodGet, "/settings/members", nil)
	m := regexpInvitation.FindStringSubmatch(page)
	if m == nil || !strings.Contains(page, "carol@example.com") {
		t.Fatalf("pending invitation not listed\n%s", page)
	}
	viewer := sp.member(t, "vic@example.com", org, "viewer")
	_, _, vpage := viewer.do(http.MethodGet, "/settings/members", nil)
	if strings.Contains(vpage, "carol@example.com") || strings.Contains(vpage, `action="/settings/invitations"`) {
		t.Error("a viewer sees invitations or the invitation form")
	}
	for _, path := range []string{"/settings/invitations", "/settings/invitations/" + m[1] + "/revoke"} {
		if st, _, _ := viewer.post(path, url.Values{"email": {"x@example.com"}, "role": {"viewer"}}); st != http.StatusForbidden {
			t.Errorf("viewer POST %s: %d, want 403", path, st)
		}
	}
	if st, _, _ := owner.post("/settings/invitations/"+m[1]+"/revoke", nil); st != http.StatusSeeOther {
		t.Fatalf("revoke: %d", st)
	}
	if invs, _ := sp.db.Invitations(context.Background(), org); len(invs) != 0 {
		t.Errorf("%d invitations left after revoking", len(invs))
	}
}

var regexpInvitation = regexp.MustCompile(`action="/settings/invitations/(\d+)/revoke"`)
