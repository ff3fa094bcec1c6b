package portal

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/store"
)

// idRoutesElsewhere are the routes with path values whose isolation
// another test walks: TestOtherOrgIDsAre404 (workspaces, runs) and the
// password reset pages, whose {token} is a credential, not an ID.
var idRoutesElsewhere = []string{"/workspaces/", "/runs/", "/login/reset/"}

// TestEveryIDRouteRefusesOtherOrgs walks every route of routes() with a
// path value, other than those in idRoutesElsewhere: another
// organization's owner (a platform admin nowhere) sends it with the IDs
// of Ada's organization and gets 404, and nothing of Ada's changes. A
// new route with an ID fails this test until it has a case here.
func TestEveryIDRouteRefusesOtherOrgs(t *testing.T) {
	sp := newSettingsPortal(t)
	ada := sp.browser(t)
	ada.signUp("ada@example.com", "Analytical")
	ids := sp.adaResources(t, ada)
	eve := sp.browser(t)
	eve.signUp("eve@example.com", "Other")
	eve.do(http.MethodGet, "/settings", nil)
	walked := 0
	for _, rt := range sp.p.routes() {
		method, path, _ := strings.Cut(rt.pattern, " ")
		if !strings.Contains(strings.TrimSuffix(path, "{$}"), "{") || elsewhere(path) {
			continue
		}
		id, ok := ids[path]
		if !ok {
			t.Errorf("%s has no cross-organization case: add one to adaResources", rt.pattern)
			continue
		}
		path = strings.NewReplacer("{id}", id, "{provider}", id).Replace(path)
		var st int
		if method == http.MethodPost {
			st, _, _ = eve.post(path, url.Values{"role": {"viewer"}, "plan": {"team"}, "role_arn": {"arn:aws:iam::123456789012:role/syncloud"}})
		} else {
			st, _, _ = eve.do(method, path, nil)
		}
		if st != http.StatusNotFound {
			t.Errorf("%s %s by another organization = %d, want 404", method, path, st)
		}
		walked++
	}
	if walked < 11 {
		t.Errorf("walked %d routes, want at least 11", walked)
	}
	sp.adaUnchanged(t, ada)
}

func elsewhere(path string) bool {
	for _, p := range idRoutesElsewhere {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

// adaResources creates one of everything Ada's organization has an ID
// for, and maps each route with a path value to the value Eve tries.
func (sp *settingsPortal) adaResources(t *testing.T, ada *browser) map[string]string {
	t.Helper()
	ctx := context.Background()
	u, org := sp.user(t, "ada@example.com")
	by := auth.Principal{Kind: auth.KindUser, UserID: u.ID, OrgID: org, Role: auth.RoleOwner, Scopes: auth.RoleScopes(auth.RoleOwner)}
	_, key, err := sp.auth.Keys.Create(ctx, by, auth.NewAPIKey{Name: "ci", Scopes: []auth.Scope{auth.ScopeGenerate}})
	if err != nil {
		t.Fatal(err)
	}
	inv, err := sp.auth.Invitations.Invite(ctx, by, "carol@example.com", auth.RoleMember)
	if err != nil {
		t.Fatal(err)
	}
	conn := &store.AWSConnection{Name: "prod", Kind: "role", ExternalID: "syncloud-x", CreatedAt: time.Now()}
	if err := sp.db.CreateAWSConnection(ctx, org, conn); err != nil {
		t.Fatal(err)
	}
	if err := sp.db.LinkOAuthIdentity(ctx, &store.OAuthIdentity{Provider: "github", Subject: "1", UserID: u.ID}); err != nil {
		t.Fatal(err)
	}
	ss, err := sp.auth.Sessions.List(ctx, u.ID)
	if err != nil || len(ss) != 1 {
		t.Fatalf("sessions: %v", err)
	}
	user, orgID, connID := itoa(u.ID), itoa(org), itoa(conn.ID)
	return map[string]string{
		"/keys/{id}/revoke":                 itoa(key.ID),
		"/settings/sessions/{id}/end":       ss[0].ID,
		"/settings/oauth/{provider}/link":   "gitlab", // not configured
		"/settings/oauth/{provider}/unlink": "github", // Ada's link, not Eve's
		"/settings/members/{id}/role":       user,
		"/settings/members/{id}/remove":     user,
		"/settings/invitations/{id}/revoke": itoa(inv.ID),
		"/settings/connections/{id}/verify": connID,
		"/settings/connections/{id}/delete": connID,
		"/admin/users/{id}/disable":         user,
		"/admin/users/{id}/enable":          user,
		"/admin/organizations/{id}/plan":    orgID,
	}
}

// adaUnchanged checks that Eve's attempts left Ada's organization alone.
func (sp *settingsPortal) adaUnchanged(t *testing.T, ada *browser) {
	t.Helper()
	ctx := context.Background()
	u, org := sp.user(t, "ada@example.com")
	if st, _, _ := ada.do(http.MethodGet, "/settings", nil); st != http.StatusOK || u.DisabledAt != nil {
		t.Error("Ada was signed out or disabled")
	}
	m, err := sp.db.Membership(ctx, org, u.ID)
	o, _ := sp.db.Organization(ctx, org)
	invs, _ := sp.db.Invitations(ctx, org)
	conns, _ := sp.db.AWSConnections(ctx, org)
	ids, _ := sp.db.UserOAuthIdentities(ctx, u.ID)
	keys, _ := sp.db.APIKeys(ctx, org)
	if err != nil || m.Role != "owner" || o.Plan != "free" || len(invs) != 1 || len(conns) != 1 || conns[0].VerifiedAt != nil ||
		len(ids) != 1 || len(keys) != 1 || keys[0].RevokedAt != nil {
		t.Errorf("Ada's organization changed: role %v, plan %s, %d invitations, %d connections, %d links, keys %+v",
			m, o.Plan, len(invs), len(conns), len(ids), keys)
	}
}

// TestSettingsAndAdminPostsNeedCSRF sends every settings and Admin
// Console form of routes() with a forged CSRF token: each is refused
// with 403 before it does anything.
func TestSettingsAndAdminPostsNeedCSRF(t *testing.T) {
	sp := newSettingsPortal(t)
	b := sp.browser(t)
	b.signUp("ada@example.com", "Analytical")
	u, _ := sp.user(t, "ada@example.com")
	if err := sp.db.SetPlatformAdmin(context.Background(), u.ID, true); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, rt := range sp.p.routes() {
		method, path, _ := strings.Cut(rt.pattern, " ")
		if method != http.MethodPost || !(strings.HasPrefix(path, "/settings") || strings.HasPrefix(path, "/admin")) {
			continue
		}
		path = strings.NewReplacer("{id}", itoa(u.ID), "{provider}", "github").Replace(path)
		b.csrf = "forged" // the 403 page before carries a real token
		if st, _, _ := b.post(path, url.Values{"name": {"x"}, "retention_days": {"1"}, "plan": {"team"}}); st != http.StatusForbidden {
			t.Errorf("POST %s with a forged token = %d, want 403", path, st)
		}
		n++
	}
	if n < 15 {
		t.Errorf("sent %d forms, want every settings and admin form", n)
	}
	if o, _ := sp.user(t, "ada@example.com"); o.Name != "Ada" {
		t.Errorf("a forged form changed the user: %+v", o)
	}
}
