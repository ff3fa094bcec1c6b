package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/syncloud/syncloud/internal/auth"
)

// victim is an organization with one resource of every kind a route can
// name by {id}.
type victim struct {
	owner, member *client
	ids           map[string]string // route pattern -> the {id} of org A's resource
}

func newVictim(t *testing.T, p *platform) *victim {
	v := &victim{owner: p.register("owner-a@example.com")}
	v.member = v.owner.join("member-a@example.com", auth.RoleMember)
	_, keyID := v.owner.newKey("generate")
	var inv invitationView
	v.owner.mustDo(http.MethodPost, "/api/v1/org/invitations", map[string]string{"email": "new@example.com", "role": "viewer"}, http.StatusCreated, &inv)
	var sessions struct{ Sessions []sessionView }
	v.member.mustDo(http.MethodGet, "/api/v1/account/sessions", nil, http.StatusOK, &sessions)
	member := strconv.FormatInt(v.member.userID, 10)
	v.ids = map[string]string{
		"DELETE /api/v1/keys/{id}":             strconv.FormatInt(keyID, 10),
		"PATCH /api/v1/org/members/{id}":       member,
		"DELETE /api/v1/org/members/{id}":      member,
		"DELETE /api/v1/org/invitations/{id}":  strconv.FormatInt(inv.ID, 10),
		"DELETE /api/v1/account/sessions/{id}": sessions.Sessions[0].ID,
	}
	v.addRunResources(t)
	return v
}

// TestTenantIsolation walks every route that takes an {id}, straight from
// the router's list, as the owner of another organization (by session and,
// where keys may call, by an admin key) with the ID of a resource of org A,
// and expects 404 every time; org A's resources must be intact afterwards.
func TestTenantIsolation(t *testing.T) {
	p := newPlatform(t)
	v := newVictim(t, p)
	intruder := p.register("owner-b@example.com")
	intruderKey, _ := intruder.newKey("generate", "runs:read", "runs:write", "admin")
	for _, rt := range New(Deps{}).routes() {
		if !strings.Contains(rt.Pattern, "{id}") {
			continue
		}
		id, ok := v.ids[rt.Pattern]
		if !ok {
			t.Errorf("route %s takes an {id} but the isolation test has no resource for it: add one to newVictim", rt.Pattern)
			continue
		}
		method, path, _ := strings.Cut(rt.Pattern, " ")
		path = strings.Replace(path, "{id}", id, 1)
		callers := map[string]*client{"session": intruder}
		if rt.Access == member {
			callers["api key"] = intruderKey
		}
		for name, c := range callers {
			t.Run(rt.Pattern+" by "+name, func(t *testing.T) {
				status, body := c.do(method, path, map[string]string{"role": "viewer"})
				if status != http.StatusNotFound {
					t.Errorf("%s %s as another org's owner: status %d, want 404: %s", method, path, status, body)
				}
			})
		}
	}
	t.Run("session naming org A in "+auth.OrgHeader, func(t *testing.T) {
		spoof := *intruder
		spoof.org = v.owner.org
		if status, body := spoof.do(http.MethodGet, "/api/v1/org/members", nil); status != http.StatusForbidden {
			t.Errorf("status %d, want 403 (not a member of org A): %s", status, body)
		}
	})
	v.checkIntact(t)
}

// checkIntact fails if the intruder changed anything of org A.
func (v *victim) checkIntact(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	m, err := v.owner.p.db.Membership(ctx, v.owner.org, v.member.userID)
	if err != nil || m.Role != "member" {
		t.Errorf("org A's member after the intrusion: %+v, %v", m, err)
	}
	keys, err := v.owner.p.db.APIKeys(ctx, v.owner.org)
	if err != nil || len(keys) != 1 || keys[0].RevokedAt != nil {
		t.Errorf("org A's key after the intrusion: %+v, %v", keys, err)
	}
	invs, err := v.owner.p.db.Invitations(ctx, v.owner.org)
	if err != nil || len(invs) != 1 {
		t.Errorf("org A's invitations after the intrusion: %d, %v", len(invs), err)
	}
	if status, _ := v.member.do(http.MethodGet, "/api/v1/account", nil); status != http.StatusOK {
		t.Errorf("org A's member session after the intrusion: status %d", status)
	}
}

// TestViewerCannotDoMore walks every route whose minimum role is above
// viewer, as a viewer of the organization, and expects 403; and every
// route that needs a key scope, with a key lacking it.
func TestViewerCannotDoMore(t *testing.T) {
	p := newPlatform(t)
	owner := p.register("owner@example.com")
	viewer := owner.join("viewer@example.com", auth.RoleViewer)
	narrowKey, _ := owner.newKey("runs:read")
	for _, rt := range New(Deps{}).routes() {
		if rt.Access == public {
			continue
		}
		method, path, _ := strings.Cut(rt.Pattern, " ")
		path = strings.Replace(path, "{id}", "1", 1)
		if rt.MinRole > auth.RoleViewer {
			t.Run(rt.Pattern+" as viewer", func(t *testing.T) {
				if status, body := viewer.do(method, path, map[string]string{}); status != http.StatusForbidden {
					t.Errorf("status %d, want 403: %s", status, body)
				}
			})
		}
		if rt.Access == member && rt.Scope != "" && rt.Scope != auth.ScopeRunsRead {
			t.Run(rt.Pattern+" with a runs:read key", func(t *testing.T) {
				if status, body := narrowKey.do(method, path, map[string]string{}); status != http.StatusForbidden {
					t.Errorf("status %d, want 403: %s", status, body)
				}
			})
		}
		if rt.Access == sessionOnly {
			t.Run(rt.Pattern+" with an API key", func(t *testing.T) {
				if status, body := narrowKey.do(method, path, map[string]string{}); status != http.StatusUnauthorized {
					t.Errorf("status %d, want 401 (session only): %s", status, body)
				}
			})
		}
	}
}
