package auth

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRoleScopes(t *testing.T) {
	for _, tc := range []struct {
		role Role
		want []Scope
	}{
		{RoleNone, nil},
		{RoleViewer, []Scope{ScopeRunsRead}},
		{RoleMember, []Scope{ScopeGenerate, ScopeRunsRead, ScopeRunsWrite}},
		{RoleAdmin, []Scope{ScopeGenerate, ScopeRunsRead, ScopeRunsWrite, ScopeAdmin}},
		{RoleOwner, []Scope{ScopeGenerate, ScopeRunsRead, ScopeRunsWrite, ScopeAdmin}},
	} {
		if diff := cmp.Diff(tc.want, RoleScopes(tc.role)); diff != "" {
			t.Errorf("RoleScopes(%v) (-want +got):\n%s", tc.role, diff)
		}
	}
}

func TestScopesWithin(t *testing.T) {
	for _, tc := range []struct {
		scopes []Scope
		role   Role
		want   bool
	}{
		{[]Scope{ScopeRunsRead}, RoleViewer, true},
		{[]Scope{ScopeGenerate}, RoleViewer, false},
		{[]Scope{ScopeGenerate, ScopeRunsWrite}, RoleMember, true},
		{[]Scope{ScopeAdmin}, RoleMember, false},
		{[]Scope{ScopeAdmin}, RoleAdmin, true},
		{AllScopes(), RoleOwner, true},
		{nil, RoleViewer, true},
	} {
		if got := ScopesWithin(tc.scopes, tc.role); got != tc.want {
			t.Errorf("ScopesWithin(%v, %v) = %v, want %v", tc.scopes, tc.role, got, tc.want)
		}
	}
}

func TestParseRoleAndScopes(t *testing.T) {
	for _, r := range []Role{RoleViewer, RoleMember, RoleAdmin, RoleOwner} {
		got, err := ParseRole(r.String())
		if err != nil || got != r {
			t.Errorf("ParseRole(%q) = %v, %v", r.String(), got, err)
		}
	}
	if _, err := ParseRole(""); err == nil {
		t.Error("ParseRole(\"\") succeeded")
	}
	got, err := ParseScopes([]string{"admin", "generate", "generate"})
	if err != nil || !cmp.Equal(got, []Scope{ScopeGenerate, ScopeAdmin}) {
		t.Errorf("ParseScopes = %v, %v", got, err)
	}
	if _, err := ParseScopes([]string{"runs:delete"}); err == nil {
		t.Error("ParseScopes accepted an unknown scope")
	}
}

func TestPrincipalCan(t *testing.T) {
	key := Principal{Kind: KindAPIKey, KeyID: 7, Role: RoleAdmin, Scopes: []Scope{ScopeRunsRead}}
	if key.Can(ScopeGenerate) || !key.Can(ScopeRunsRead) {
		t.Errorf("a runs:read key: Can(generate)=%v Can(runs:read)=%v", key.Can(ScopeGenerate), key.Can(ScopeRunsRead))
	}
	if key.Actor() != "api_key:7" {
		t.Errorf("Actor = %q", key.Actor())
	}
	viewer := Principal{Kind: KindUser, UserID: 3, Role: RoleViewer, Scopes: RoleScopes(RoleViewer)}
	if viewer.AtLeast(RoleMember) || !viewer.AtLeast(RoleViewer) || viewer.Can(ScopeRunsWrite) {
		t.Error("viewer has more than a viewer's rights")
	}
}
