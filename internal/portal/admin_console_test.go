package portal

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/syncloud/syncloud/internal/store"
)

// adminPages are the Admin Console's pages this package serves.
var adminPages = []string{"/admin", "/admin/users", "/admin/organizations", "/admin/audit", "/admin/support"}

func TestAdminConsoleIsHiddenFromOthers(t *testing.T) {
	sp := newSettingsPortal(t)
	b := sp.browser(t)
	b.signUp("ada@example.com", "Analytical")
	ada, org := sp.user(t, "ada@example.com")
	_, _, page := b.do(http.MethodGet, "/settings", nil)
	if strings.Contains(page, `href="/admin"`) {
		t.Error("the navigation offers the Admin Console to an organization owner")
	}
	for _, path := range adminPages {
		if st, _, _ := b.do(http.MethodGet, path, nil); st != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, st)
		}
	}
	for _, path := range []string{"/admin/users/" + itoa(ada.ID) + "/disable", "/admin/organizations/" + itoa(org) + "/plan"} {
		if st, _, _ := b.post(path, url.Values{"plan": {"enterprise"}}); st != http.StatusNotFound {
			t.Errorf("POST %s = %d, want 404", path, st)
		}
	}
	if o, _ := sp.db.Organization(context.Background(), org); o.Plan != "free" {
		t.Errorf("plan = %s after a refused change", o.Plan)
	}
}

func TestAdminDisablesAndEnablesUsers(t *testing.T) {
	sp := newSettingsPortal(t)
	admin := sp.browser(t)
	admin.signUp("ops@example.com", "Operators")
	op, _ := sp.user(t, "ops@example.com")
	if err := sp.db.SetPlatformAdmin(context.Background(), op.ID, true); err != nil {
		t.Fatal(err)
	}
	eve := sp.browser(t)
	eve.signUp("eve@example.com", "Eve Org")
	ev, _ := sp.user(t, "eve@example.com")

	_, _, page := admin.do(http.MethodGet, "/admin/users?q=EVE%40", nil)
	if !strings.Contains(page, "eve@example.com") || strings.Contains(page, "ops@example.com") {
		t.Fatalf("search for eve@ lists the wrong users\n%s", page)
	}
	if _, _, page := admin.do(http.MethodGet, "/admin/users?q=%25", nil); strings.Contains(page, "eve@example.com") {
		t.Error("a % in the search is a wildcard")
	}
	if st, _, _ := admin.post("/admin/users/"+itoa(op.ID)+"/disable", nil); st != http.StatusConflict {
		t.Errorf("disabling oneself: %d, want 409", st)
	}
	if st, loc, _ := admin.post("/admin/users/"+itoa(ev.ID)+"/disable", url.Values{"q": {"eve@"}}); st != http.StatusSeeOther || loc != "/admin/users?q=eve%40" {
		t.Fatalf("disable: %d %q", st, loc)
	}
	if st, loc, _ := eve.do(http.MethodGet, "/settings", nil); st != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
		t.Errorf("the disabled user's session still works: %d %q", st, loc)
	}
	if st, _, _ := sp.browser(t).do(http.MethodPost, "/login", url.Values{"email": {"eve@example.com"}, "password": {pw}}); st == http.StatusSeeOther {
		t.Error("a disabled user signs in")
	}
	if st, _, _ := admin.post("/admin/users/"+itoa(ev.ID)+"/enable", nil); st != http.StatusSeeOther {
		t.Fatalf("enable: %d", st)
	}
	if st, _, _ := sp.browser(t).do(http.MethodPost, "/login", url.Values{"email": {"eve@example.com"}, "password": {pw}}); st != http.StatusSeeOther {
		t.Errorf("re-enabled user cannot sign in: %d", st)
	}
	if st, _, _ := admin.post("/admin/users/999999/disable", nil); st != http.StatusNotFound {
		t.Errorf("unknown user: %d", st)
	}
	for _, action := range []string{"admin.user_disable", "admin.user_enable"} {
		if n := len(sp.events(t, 0, action)); n != 1 {
			t.Errorf("%d %s events in the platform chain, want 1", n, action)
		}
	}
}

func TestAdminPlansHealthAndAudit(t *testing.T) {
	sp := newSettingsPortal(t)
	admin := sp.browser(t)
	admin.signUp("ops@example.com", "Operators")
	op, org := sp.user(t, "ops@example.com")
	if err := sp.db.SetPlatformAdmin(context.Background(), op.ID, true); err != nil {
		t.Fatal(err)
	}
	_, _, page := admin.do(http.MethodGet, "/admin", nil)
	wantIn(t, "health", page, `href="/admin"`, "database", "answered in", `<dd id="queue-depth">0</dd>`, "v-test", `href="/admin/outbox"`)
	_, _, page = admin.do(http.MethodGet, "/admin/organizations", nil)
	wantIn(t, "organizations", page, "Operators", `action="/admin/organizations/`+itoa(org)+`/plan"`)
	if st, _, _ := admin.post("/admin/organizations/"+itoa(org)+"/plan", url.Values{"plan": {"platinum"}}); st != http.StatusBadRequest {
		t.Errorf("unknown plan: %d", st)
	}
	if st, _, _ := admin.post("/admin/organizations/999999/plan", url.Values{"plan": {"team"}}); st != http.StatusNotFound {
		t.Errorf("unknown organization: %d", st)
	}
	if st, _, _ := admin.post("/admin/organizations/"+itoa(org)+"/plan", url.Values{"plan": {"team"}}); st != http.StatusSeeOther {
		t.Fatalf("change plan: %d", st)
	}
	if o, _ := sp.db.Organization(context.Background(), org); o.Plan != "team" || o.RetentionDays != 30 {
		t.Errorf("organization after plan change: %+v", o)
	}
	_, _, page = admin.do(http.MethodGet, "/admin/audit?action=admin.", nil)
	wantIn(t, "platform audit", page, "admin.org_plan_change", "&#34;from&#34;:&#34;free&#34;")
	if st, _, page := admin.do(http.MethodGet, "/admin/audit?actor=nobody", nil); st != http.StatusUnprocessableEntity || !strings.Contains(page, `value="nobody"`) {
		t.Errorf("bad filter: %d", st)
	}
}

// TestAdminOrganizationsArePaged: more organizations than a page holds
// are reached with Next and Previous.
func TestAdminOrganizationsArePaged(t *testing.T) {
	sp := newSettingsPortal(t)
	admin := sp.browser(t)
	admin.signUp("ops@example.com", "Operators")
	op, _ := sp.user(t, "ops@example.com")
	ctx := context.Background()
	if err := sp.db.SetPlatformAdmin(ctx, op.ID, true); err != nil {
		t.Fatal(err)
	}
	var last int64
	for i := range adminOrgsLimit {
		o := &store.Organization{Name: "Org " + itoa(int64(i))}
		if err := sp.db.CreateOrganization(ctx, o); err != nil {
			t.Fatal(err)
		}
		last = o.ID
	}
	_, _, first := admin.do(http.MethodGet, "/admin/organizations", nil)
	if !strings.Contains(first, `href="/admin/organizations?from=500">Next`) || strings.Contains(first, "Previous") ||
		strings.Contains(first, `id="org-`+itoa(last)+`"`) {
		t.Errorf("the first page does not offer the next one, or shows the last organization:\n%s", first)
	}
	_, _, second := admin.do(http.MethodGet, "/admin/organizations?from=500", nil)
	if !strings.Contains(second, `href="/admin/organizations?from=0">Previous`) || strings.Contains(second, ">Next<") ||
		!strings.Contains(second, `id="org-`+itoa(last)+`"`) {
		t.Errorf("the second page lacks the last organization or the way back:\n%s", second)
	}
	if st, _, _ := admin.do(http.MethodGet, "/admin/organizations?from=-3", nil); st != http.StatusOK {
		t.Errorf("a negative offset: %d, want the first page", st)
	}
}
