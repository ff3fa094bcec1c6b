package auth

import (
	"fmt"
	"slices"
	"strings"
)

// Role is a member's standing in an organization. Higher roles include
// everything lower roles may do: owner > admin > member > viewer.
type Role int8

// The roles, lowest first, so that they compare with < and >.
const (
	RoleNone Role = iota
	RoleViewer
	RoleMember
	RoleAdmin
	RoleOwner
)

var roleNames = [...]string{"", "viewer", "member", "admin", "owner"}

func (r Role) String() string {
	if r < 0 || int(r) >= len(roleNames) {
		return fmt.Sprintf("Role(%d)", int8(r))
	}
	return roleNames[r]
}

// ParseRole reads a role name as stored and shown ("owner", "admin",
// "member", "viewer").
func ParseRole(s string) (Role, error) {
	for i, n := range roleNames {
		if i > 0 && n == s {
			return Role(i), nil
		}
	}
	return RoleNone, fmt.Errorf("unknown role %q", s)
}

// Scope is a permission an API key carries; a user's session carries the
// scopes of their role.
type Scope string

// The scopes an API key may carry.
const (
	ScopeGenerate  Scope = "generate"
	ScopeRunsRead  Scope = "runs:read"
	ScopeRunsWrite Scope = "runs:write"
	ScopeAdmin     Scope = "admin"
)

// allScopes lists every scope in a stable order.
var allScopes = []Scope{ScopeGenerate, ScopeRunsRead, ScopeRunsWrite, ScopeAdmin}

// AllScopes returns every scope in a stable order.
func AllScopes() []Scope { return slices.Clone(allScopes) }

// ParseScopes reads scope names, rejecting unknown ones and dropping
// duplicates; the result is in the order of AllScopes.
func ParseScopes(names []string) ([]Scope, error) {
	seen := map[Scope]bool{}
	for _, n := range names {
		s := Scope(strings.TrimSpace(n))
		if !slices.Contains(allScopes, s) {
			return nil, fmt.Errorf("unknown scope %q", n)
		}
		seen[s] = true
	}
	var out []Scope
	for _, s := range allScopes {
		if seen[s] {
			out = append(out, s)
		}
	}
	return out, nil
}

// RoleScopes returns the scopes a role grants: a viewer may only read runs,
// a member may generate and read and write runs, admins and owners may do
// everything.
func RoleScopes(r Role) []Scope {
	switch {
	case r >= RoleAdmin:
		return AllScopes()
	case r == RoleMember:
		return []Scope{ScopeGenerate, ScopeRunsRead, ScopeRunsWrite}
	case r == RoleViewer:
		return []Scope{ScopeRunsRead}
	}
	return nil
}

// ScopesWithin reports whether every scope is granted by role.
func ScopesWithin(scopes []Scope, r Role) bool {
	granted := RoleScopes(r)
	for _, s := range scopes {
		if !slices.Contains(granted, s) {
			return false
		}
	}
	return true
}

// Kind says what sort of caller a Principal is.
type Kind string

// The kinds of caller.
const (
	KindUser   Kind = "user"
	KindAPIKey Kind = "api_key"
	KindAgent  Kind = "agent"
)

// Principal is an authenticated caller acting in one organization.
type Principal struct {
	Kind Kind
	// UserID is the user acting, or for a key or agent the user who created
	// it.
	UserID int64
	// KeyID is set for KindAPIKey, AgentID for KindAgent.
	KeyID   int64
	AgentID int64
	OrgID   int64
	Role    Role
	// Scopes are what this caller may do; for a user they are the role's.
	Scopes []Scope
	// SessionID is set when a browser session authenticated the caller.
	SessionID string
}

// Can reports whether the caller holds scope.
func (p Principal) Can(scope Scope) bool {
	return slices.Contains(p.Scopes, scope)
}

// AtLeast reports whether the caller's role in its org is r or higher.
func (p Principal) AtLeast(r Role) bool { return p.Role >= r }

// Actor names the caller in audit events: "user:12", "api_key:7",
// "agent:3".
func (p Principal) Actor() string {
	switch p.Kind {
	case KindAPIKey:
		return fmt.Sprintf("api_key:%d", p.KeyID)
	case KindAgent:
		return fmt.Sprintf("agent:%d", p.AgentID)
	}
	return fmt.Sprintf("user:%d", p.UserID)
}
