package web

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/usage"
)

func TestSessionCookieAndCSRF(t *testing.T) {
	p := newPlatform(t)
	c := p.register("a@example.com")
	if c.cookie == nil || !c.cookie.HttpOnly || !c.cookie.Secure || c.cookie.SameSite != http.SameSiteLaxMode ||
		!strings.HasPrefix(c.cookie.Name, "__Host-") || c.cookie.Path != "/" {
		t.Fatalf("session cookie = %+v", c.cookie)
	}
	noToken := *c
	noToken.csrf = ""
	if status, _ := noToken.do(http.MethodPost, "/api/v1/keys", map[string]any{"name": "k", "scopes": []string{"generate"}}); status != http.StatusForbidden {
		t.Errorf("state change without CSRF token: status %d, want 403", status)
	}
	if status, _ := noToken.do(http.MethodGet, "/api/v1/account", nil); status != http.StatusOK {
		t.Errorf("safe request without CSRF token: status %d, want 200", status)
	}
	c.mustDo(http.MethodPost, "/api/v1/auth/logout", nil, http.StatusNoContent, nil)
	if status, _ := c.do(http.MethodGet, "/api/v1/account", nil); status != http.StatusUnauthorized {
		t.Errorf("after logout: status %d, want 401", status)
	}
}

func TestLoginFailuresLookAlike(t *testing.T) {
	p := newPlatform(t)
	p.register("a@example.com")
	anon := &client{p: p}
	s1, b1 := anon.do(http.MethodPost, "/api/v1/auth/login", map[string]string{"email": "a@example.com", "password": "wrong password!"})
	s2, b2 := anon.do(http.MethodPost, "/api/v1/auth/login", map[string]string{"email": "nobody@example.com", "password": "wrong password!"})
	strip := func(b []byte) string { return string(b[:strings.Index(string(b), `"request_id"`)]) }
	if s1 != http.StatusUnauthorized || s2 != s1 || strip(b1) != strip(b2) {
		t.Errorf("wrong password: %d %s; unknown email: %d %s", s1, b1, s2, b2)
	}
	var ok signedIn
	anon.mustDo(http.MethodPost, "/api/v1/auth/login", map[string]string{"email": "a@example.com", "password": "a long enough password"}, http.StatusOK, &ok)
	if ok.CSRFToken == "" || anon.cookie == nil {
		t.Errorf("login answer %+v, cookie %v", ok, anon.cookie)
	}
}

func TestKeyLifecycle(t *testing.T) {
	p := newPlatform(t)
	owner := p.register("a@example.com")
	key, id := owner.newKey("generate")
	key.mustDo(http.MethodPost, "/api/v1/generate", map[string]string{"prompt": "a bucket"}, http.StatusOK, nil)
	var list struct{ Keys []keyView }
	owner.mustDo(http.MethodGet, "/api/v1/keys", nil, http.StatusOK, &list)
	if len(list.Keys) != 1 || list.Keys[0].ID != id || !strings.HasPrefix(key.key, list.Keys[0].Prefix) || list.Keys[0].LastUsedAt == nil {
		t.Errorf("keys = %+v", list.Keys)
	}
	owner.mustDo(http.MethodDelete, "/api/v1/keys/"+strconv.FormatInt(id, 10), nil, http.StatusNoContent, nil)
	if status, _ := key.do(http.MethodPost, "/api/v1/generate", map[string]string{"prompt": "a bucket"}); status != http.StatusUnauthorized {
		t.Errorf("revoked key: status %d, want 401", status)
	}
	tampered := *key
	tampered.key = key.key[:len(key.key)-1] + "x"
	if status, _ := tampered.do(http.MethodPost, "/api/v1/generate", map[string]string{"prompt": "a bucket"}); status != http.StatusUnauthorized {
		t.Errorf("bad checksum: status %d, want 401", status)
	}
}

func TestUsageAndAuditAPIs(t *testing.T) {
	p := newPlatform(t)
	owner := p.register("a@example.com")
	key, _ := owner.newKey("generate", "admin")
	for range 3 {
		key.mustDo(http.MethodPost, "/api/v1/generate", map[string]string{"prompt": "a bucket"}, http.StatusOK, nil)
	}
	key.do(http.MethodPost, "/api/v1/generate", map[string]string{"prompt": "nothing here"})
	var rep usage.Report
	key.mustDo(http.MethodGet, "/api/v1/usage?group_by=key", nil, http.StatusOK, &rep)
	// The owner's session created the key (1 request, group "none"); the
	// key made 4, one of them failing.
	if rep.Total.Requests != 5 || rep.Total.Failed != 1 || len(rep.Groups) != 2 ||
		rep.Groups[0].Requests != 4 || rep.Groups[0].Succeeded != 3 || rep.Groups[0].Label != "test key" {
		t.Errorf("usage = %+v", rep)
	}
	var page auditPage
	key.mustDo(http.MethodGet, "/api/v1/audit?action=generate&limit=2", nil, http.StatusOK, &page)
	if len(page.Events) != 2 || page.NextAfter != page.Events[1].Seq {
		t.Fatalf("first page = %+v", page)
	}
	var rest auditPage
	key.mustDo(http.MethodGet, "/api/v1/audit?action=generate&limit=2&after="+strconv.FormatInt(page.NextAfter, 10), nil, http.StatusOK, &rest)
	if len(rest.Events) != 1 || rest.NextAfter != 0 || rest.Events[0].Target.Type != "request" {
		t.Errorf("second page = %+v", rest)
	}
	if status, _ := key.do(http.MethodGet, "/api/v1/usage?group_by=planet", nil); status != http.StatusBadRequest {
		t.Errorf("bad group_by: status %d", status)
	}
}

func TestMemberRoleRules(t *testing.T) {
	p := newPlatform(t)
	owner := p.register("owner@example.com")
	adm := owner.join("admin@example.com", auth.RoleAdmin)
	mem := owner.join("member@example.com", auth.RoleMember)
	path := func(c *client) string { return "/api/v1/org/members/" + strconv.FormatInt(c.userID, 10) }
	tests := []struct {
		name   string
		by     *client
		method string
		target *client
		role   string
		want   int
	}{
		{"admin promotes member to admin", adm, http.MethodPatch, mem, "admin", http.StatusNoContent},
		{"admin cannot grant owner", adm, http.MethodPatch, mem, "owner", http.StatusForbidden},
		{"admin cannot demote the owner", adm, http.MethodPatch, owner, "viewer", http.StatusForbidden},
		{"last owner cannot step down", owner, http.MethodPatch, owner, "admin", http.StatusConflict},
		{"last owner cannot be removed", owner, http.MethodDelete, owner, "", http.StatusConflict},
		{"unknown role", owner, http.MethodPatch, mem, "king", http.StatusBadRequest},
		{"owner removes admin", owner, http.MethodDelete, adm, "", http.StatusNoContent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if status, body := tt.by.do(tt.method, path(tt.target), map[string]string{"role": tt.role}); status != tt.want {
				t.Errorf("status %d, want %d: %s", status, tt.want, body)
			}
		})
	}
}

func TestReadyz(t *testing.T) {
	p := newPlatform(t)
	anon := &client{p: p}
	if status, body := anon.do(http.MethodGet, "/readyz", nil); status != http.StatusOK {
		t.Errorf("readyz: %d %s", status, body)
	}
	p.db.Close()
	s := New(Deps{Ready: []ReadyCheck{{Name: "database", Ping: p.db.Ping}}})
	rec := httptestGet(s, "/readyz")
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), `"database":"unavailable"`) {
		t.Errorf("readyz with a closed database: %d %s", rec.Code, rec.Body)
	}
}

// TestMarketingConsent: off from registration, set and cleared with PATCH
// /api/v1/account without touching name or email, each change audited.
func TestMarketingConsent(t *testing.T) {
	p := newPlatform(t)
	c := p.register("consent@example.com")
	var acc struct {
		Name           string `json:"name"`
		MarketingOptIn bool   `json:"marketing_opt_in"`
	}
	c.mustDo(http.MethodGet, "/api/v1/account", nil, http.StatusOK, &acc)
	if acc.MarketingOptIn {
		t.Fatal("marketing e-mail is on after registration")
	}
	name := acc.Name
	for _, on := range []bool{true, false} {
		c.mustDo(http.MethodPatch, "/api/v1/account", map[string]any{"marketing_opt_in": on}, http.StatusOK, nil)
		c.mustDo(http.MethodGet, "/api/v1/account", nil, http.StatusOK, &acc)
		if acc.MarketingOptIn != on || acc.Name != name {
			t.Errorf("after PATCH marketing_opt_in=%v: %+v", on, acc)
		}
	}
	var n int
	if err := p.db.Raw().QueryRow(`SELECT COUNT(*) FROM audit_events WHERE action = 'account.marketing_consent'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("%d consent changes audited, want 2", n)
	}
}
