package auth

import (
	"context"
	"errors"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/syncloud/syncloud/internal/store"
)

func TestInvitationFlow(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	ctx := context.Background()
	_, org := f.register(t, "ann@example.com", goodPassword)
	admin := f.member(t, org.ID, "admin@example.com", RoleAdmin)
	inv, err := f.svc.Invitations.Invite(ctx, admin, "Carol@example.com", RoleMember)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.mail.mail) != 1 || f.mail.mail[0].To != "Carol@example.com" {
		t.Fatalf("mail = %+v", f.mail.mail)
	}
	link := regexp.MustCompile(`https://portal\.test/invitations/accept\?token=(\S+)`).FindStringSubmatch(f.mail.mail[0].Body)
	if link == nil {
		t.Fatalf("no accept link in %q", f.mail.mail[0].Body)
	}
	token, _ := url.QueryUnescape(link[1])
	if string(inv.TokenHash) == token || HashToken(token) == "" {
		t.Fatal("token stored in the clear")
	}
	carol, _ := f.register(t, "carol@example.com", goodPassword)
	dave, _ := f.register(t, "dave@example.com", goodPassword)
	if _, err := f.svc.Invitations.Accept(ctx, dave.ID, token); !errors.Is(err, ErrInvitationEmail) {
		t.Errorf("another user accepting: %v, want ErrInvitationEmail", err)
	}
	if _, err := f.svc.Invitations.Accept(ctx, carol.ID, token); err != nil {
		t.Fatal(err)
	}
	m, err := f.db.Membership(ctx, org.ID, carol.ID)
	if err != nil || m.Role != store.RoleMember {
		t.Errorf("membership after accepting: %+v, %v", m, err)
	}
	if _, err := f.svc.Invitations.Accept(ctx, carol.ID, token); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("accepting twice: %v, want store.ErrNotFound", err)
	}
	if f.audit.count("membership.invite") != 1 || f.audit.count("membership.join") != 1 {
		t.Errorf("audit = %v", f.audit.actions())
	}
}

func TestInvitationRules(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	ctx := context.Background()
	_, org := f.register(t, "ann@example.com", goodPassword)
	admin := f.member(t, org.ID, "admin@example.com", RoleAdmin)
	member := f.member(t, org.ID, "m@example.com", RoleMember)
	if _, err := f.svc.Invitations.Invite(ctx, member, "x@example.com", RoleViewer); !errors.Is(err, ErrForbidden) {
		t.Errorf("member inviting: %v, want ErrForbidden", err)
	}
	if _, err := f.svc.Invitations.Invite(ctx, admin, "x@example.com", RoleOwner); !errors.Is(err, ErrForbidden) {
		t.Errorf("admin inviting an owner: %v, want ErrForbidden", err)
	}
	if _, err := f.svc.Invitations.Invite(ctx, admin, "x@example.com", RoleAdmin); err != nil {
		t.Fatal(err)
	}
	token := regexp.MustCompile(`token=(\S+)`).FindStringSubmatch(f.mail.mail[0].Body)[1]
	x, _ := f.register(t, "x@example.com", goodPassword)
	f.clock.Advance(InvitationTTL + time.Second)
	if _, err := f.svc.Invitations.Accept(ctx, x.ID, token); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("expired invitation accepted: %v", err)
	}
}
