package auth

import (
	"context"
	"errors"
	"testing"

	"github.com/syncloud/syncloud/internal/store"
)

// TestMemberRules walks the membership rules the API and the portal share:
// who may change whom to what, the last owner, and other organizations.
func TestMemberRules(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	ctx := context.Background()
	_, org := f.register(t, "owner@example.com", goodPassword)
	_, other := f.register(t, "else@example.com", goodPassword)
	owner := f.member(t, org.ID, "owner2@example.com", RoleOwner)
	admin := f.member(t, org.ID, "admin@example.com", RoleAdmin)
	member := f.member(t, org.ID, "member@example.com", RoleMember)
	viewer := f.member(t, org.ID, "viewer@example.com", RoleViewer)
	outsider := f.member(t, other.ID, "outsider@example.com", RoleOwner)

	for _, c := range []struct {
		name   string
		by     Principal
		userID int64
		role   Role
		want   error
	}{
		{"member cannot change roles", member, viewer.UserID, RoleMember, ErrForbidden},
		{"admin cannot grant owner", admin, viewer.UserID, RoleOwner, ErrForbidden},
		{"admin cannot touch an owner", admin, owner.UserID, RoleViewer, ErrForbidden},
		{"another organization's member is not found", outsider, viewer.UserID, RoleMember, store.ErrNotFound},
		{"admin promotes a viewer to member", admin, viewer.UserID, RoleMember, nil},
		{"owner makes an admin an owner", owner, admin.UserID, RoleOwner, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := f.svc.Members.SetRole(ctx, c.by, c.userID, c.role); !errors.Is(err, c.want) || (c.want == nil) != (err == nil) {
				t.Errorf("SetRole = %v, want %v", err, c.want)
			}
		})
	}
	if n := f.audit.count("membership.role_change"); n != 2 {
		t.Errorf("%d role changes audited, want 2", n)
	}

	// The register call made a first owner; with owner2 and the promoted
	// admin there are three. Removing two leaves the last, who stays.
	ms, err := f.db.Members(ctx, org.ID)
	if err != nil {
		t.Fatal(err)
	}
	var owners []int64
	for _, m := range ms {
		if m.Role == "owner" {
			owners = append(owners, m.UserID)
		}
	}
	if len(owners) != 3 {
		t.Fatalf("%d owners, want 3", len(owners))
	}
	for _, id := range owners[:2] {
		if err := f.svc.Members.Remove(ctx, owner, id); err != nil {
			t.Fatalf("remove owner %d: %v", id, err)
		}
	}
	last := owners[2]
	lastOwner := Principal{Kind: KindUser, UserID: last, OrgID: org.ID, Role: RoleOwner}
	if err := f.svc.Members.SetRole(ctx, lastOwner, last, RoleAdmin); !errors.Is(err, ErrLastOwner) {
		t.Errorf("demoting the last owner = %v, want ErrLastOwner", err)
	}
	if err := f.svc.Members.Remove(ctx, lastOwner, last); !errors.Is(err, ErrLastOwner) {
		t.Errorf("removing the last owner = %v, want ErrLastOwner", err)
	}
}
