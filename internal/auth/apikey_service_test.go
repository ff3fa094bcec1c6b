package auth

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/syncloud/syncloud/internal/store"
)

// member adds a new user to org with role and returns them as a Principal.
func (f *fixture) member(t testing.TB, orgID int64, email string, role Role) Principal {
	t.Helper()
	ctx := context.Background()
	u := &store.User{Email: email, Name: email}
	if err := f.db.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if err := f.db.AddMembership(ctx, orgID, u.ID, role.String()); err != nil {
		t.Fatal(err)
	}
	return Principal{Kind: KindUser, UserID: u.ID, OrgID: orgID, Role: role, Scopes: RoleScopes(role)}
}

func TestAPIKeyCreateStoresOnlyHashAndPrefix(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	ctx := context.Background()
	_, org := f.register(t, "ann@example.com", goodPassword)
	owner := f.member(t, org.ID, "owner2@example.com", RoleOwner)
	raw, row, err := f.svc.Keys.Create(ctx, owner, NewAPIKey{Name: "ci", Scopes: []Scope{ScopeGenerate}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseKey(raw); err != nil {
		t.Fatalf("created key %q does not parse: %v", raw, err)
	}
	stored, _ := f.db.APIKey(ctx, org.ID, row.ID)
	if stored.Prefix != raw[:8] || string(stored.Hash) == raw || len(stored.Hash) != 32 {
		t.Errorf("stored prefix %q hash %x: want the first 8 characters and a SHA-256", stored.Prefix, stored.Hash)
	}
	p, err := f.svc.Keys.Authenticate(ctx, raw)
	want := Principal{Kind: KindAPIKey, UserID: owner.UserID, KeyID: row.ID, OrgID: org.ID, Role: RoleOwner,
		Scopes: []Scope{ScopeGenerate}}
	if diff := cmp.Diff(want, p); err != nil || diff != "" {
		t.Errorf("Authenticate: %v (-want +got):\n%s", err, diff)
	}
	if n := f.audit.count("api_key.create"); n != 1 {
		t.Errorf("api_key.create events = %d", n)
	}
}

func TestAPIKeyScopesCannotExceedRole(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	ctx := context.Background()
	_, org := f.register(t, "ann@example.com", goodPassword)
	for _, tc := range []struct {
		role   Role
		scopes []Scope
		ok     bool
	}{
		{RoleViewer, []Scope{ScopeRunsRead}, true},
		{RoleViewer, []Scope{ScopeGenerate}, false},
		{RoleViewer, []Scope{ScopeRunsWrite}, false},
		{RoleMember, []Scope{ScopeGenerate, ScopeRunsRead, ScopeRunsWrite}, true},
		{RoleMember, []Scope{ScopeAdmin}, false},
		{RoleAdmin, AllScopes(), true},
		{RoleOwner, AllScopes(), true},
		{RoleOwner, nil, false},
	} {
		p := f.member(t, org.ID, tc.role.String()+time.Now().Format("150405.000000000")+"@example.com", tc.role)
		_, _, err := f.svc.Keys.Create(ctx, p, NewAPIKey{Name: "k", Scopes: tc.scopes})
		if (err == nil) != tc.ok {
			t.Errorf("%s creating %v: err = %v, want ok=%v", tc.role, tc.scopes, err, tc.ok)
		}
	}
	keyCaller := Principal{Kind: KindAPIKey, KeyID: 1, OrgID: org.ID, Role: RoleOwner, Scopes: AllScopes()}
	if _, _, err := f.svc.Keys.Create(ctx, keyCaller, NewAPIKey{Name: "k", Scopes: []Scope{ScopeAdmin}}); !errors.Is(err, ErrForbidden) {
		t.Errorf("an API key created a key: %v", err)
	}
}

func TestAPIKeyUnknownRevokedExpiredAllUnauthorized(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	ctx := context.Background()
	_, org := f.register(t, "ann@example.com", goodPassword)
	admin := f.member(t, org.ID, "admin@example.com", RoleAdmin)
	revoked, row, _ := f.svc.Keys.Create(ctx, admin, NewAPIKey{Name: "r", Scopes: []Scope{ScopeGenerate}})
	if _, err := f.svc.Keys.Authenticate(ctx, revoked); err != nil {
		t.Fatalf("fresh key: %v", err)
	}
	if err := f.svc.Keys.Revoke(ctx, admin, row.ID); err != nil {
		t.Fatal(err)
	}
	exp := f.clock.Now().Add(time.Hour)
	expiring, _, _ := f.svc.Keys.Create(ctx, admin, NewAPIKey{Name: "e", Scopes: []Scope{ScopeGenerate}, ExpiresAt: &exp})
	if _, err := f.svc.Keys.Authenticate(ctx, expiring); err != nil {
		t.Fatalf("key before expiry: %v", err)
	}
	f.clock.Advance(time.Hour)
	for name, key := range map[string]string{
		"unknown":    NewKey(),
		"revoked":    revoked,
		"expired":    expiring,
		"bad sum":    revoked[:38] + string(base62[(len(base62)-1+indexBase62(revoked[38]))%62]),
		"not a key":  "hello",
		"empty":      "",
		"other form": "ghp_" + revoked[3:],
	} {
		p, err := f.svc.Keys.Authenticate(ctx, key)
		if err != ErrUnauthorized || !cmp.Equal(p, Principal{}) {
			t.Errorf("%s key: %+v, %v; want exactly ErrUnauthorized", name, p, err)
		}
	}
}

func indexBase62(c byte) int {
	for i := range len(base62) {
		if base62[i] == c {
			return i
		}
	}
	return -1
}

func TestAPIKeyFollowsCreatorRole(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	ctx := context.Background()
	_, org := f.register(t, "ann@example.com", goodPassword)
	admin := f.member(t, org.ID, "admin@example.com", RoleAdmin)
	raw, _, _ := f.svc.Keys.Create(ctx, admin, NewAPIKey{Name: "k", Scopes: AllScopes()})
	if err := f.db.SetMemberRole(ctx, org.ID, admin.UserID, store.RoleViewer); err != nil {
		t.Fatal(err)
	}
	p, err := f.svc.Keys.Authenticate(ctx, raw)
	if err != nil || !cmp.Equal(p.Scopes, []Scope{ScopeRunsRead}) {
		t.Errorf("after demotion to viewer: scopes %v, %v; want [runs:read]", p.Scopes, err)
	}
	if err := f.db.RemoveMembership(ctx, org.ID, admin.UserID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Keys.Authenticate(ctx, raw); err != ErrUnauthorized {
		t.Errorf("after the creator left: %v, want ErrUnauthorized", err)
	}
}

func TestAPIKeyRevokeRules(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	ctx := context.Background()
	_, org := f.register(t, "ann@example.com", goodPassword)
	_, other := f.register(t, "bob@example.com", goodPassword)
	m1 := f.member(t, org.ID, "m1@example.com", RoleMember)
	m2 := f.member(t, org.ID, "m2@example.com", RoleMember)
	admin := f.member(t, org.ID, "admin@example.com", RoleAdmin)
	outsider := f.member(t, other.ID, "out@example.com", RoleOwner)
	_, k1, _ := f.svc.Keys.Create(ctx, m1, NewAPIKey{Name: "m1", Scopes: []Scope{ScopeGenerate}})
	if err := f.svc.Keys.Revoke(ctx, m2, k1.ID); !errors.Is(err, ErrForbidden) {
		t.Errorf("member revoking another's key: %v, want ErrForbidden", err)
	}
	if err := f.svc.Keys.Revoke(ctx, outsider, k1.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("owner of another org revoking: %v, want store.ErrNotFound", err)
	}
	if err := f.svc.Keys.Revoke(ctx, m1, k1.ID); err != nil {
		t.Errorf("member revoking own key: %v", err)
	}
	_, k2, _ := f.svc.Keys.Create(ctx, m2, NewAPIKey{Name: "m2", Scopes: []Scope{ScopeGenerate}})
	if err := f.svc.Keys.Revoke(ctx, admin, k2.ID); err != nil {
		t.Errorf("admin revoking a member's key: %v", err)
	}
	if n := f.audit.count("api_key.revoke"); n != 2 {
		t.Errorf("api_key.revoke events = %d, want 2", n)
	}
}

func TestAPIKeyLastUsedTouchedOncePerMinute(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	ctx := context.Background()
	_, org := f.register(t, "ann@example.com", goodPassword)
	m := f.member(t, org.ID, "m@example.com", RoleMember)
	raw, row, _ := f.svc.Keys.Create(ctx, m, NewAPIKey{Name: "k", Scopes: []Scope{ScopeGenerate}})
	t0 := f.clock.Now()
	for range 5 {
		f.svc.Keys.Authenticate(ctx, raw)
		f.clock.Advance(10 * time.Second)
	}
	got, _ := f.db.APIKey(ctx, org.ID, row.ID)
	if got.LastUsedAt == nil || !got.LastUsedAt.Equal(t0) {
		t.Errorf("last_used_at = %v, want %v (first use, not rewritten within the minute)", got.LastUsedAt, t0)
	}
	if n := f.audit.count("api_key.use"); n != 1 {
		t.Errorf("api_key.use events within a minute = %d, want 1", n)
	}
	f.clock.Advance(time.Minute)
	f.svc.Keys.Authenticate(ctx, raw)
	got, _ = f.db.APIKey(ctx, org.ID, row.ID)
	if !got.LastUsedAt.Equal(f.clock.Now()) || f.audit.count("api_key.use") != 2 {
		t.Errorf("a minute later: last_used_at = %v, uses = %d", got.LastUsedAt, f.audit.count("api_key.use"))
	}
}

// BenchmarkAPIKeyAuthenticate measures the per-request cost of a Bearer
// key: checksum, one lookup by hash, the creator's membership and user.
func BenchmarkAPIKeyAuthenticate(b *testing.B) {
	f := newFixture(b, DefaultLimits)
	ctx := context.Background()
	_, org := f.register(b, "ann@example.com", goodPassword)
	m := f.member(b, org.ID, "m@example.com", RoleMember)
	raw, _, _ := f.svc.Keys.Create(ctx, m, NewAPIKey{Name: "k", Scopes: []Scope{ScopeGenerate}})
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := f.svc.Keys.Authenticate(ctx, raw); err != nil {
				b.Error(err)
			}
		}
	})
}
