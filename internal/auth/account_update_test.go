package auth

import (
	"context"
	"errors"
	"testing"
)

func TestChangePassword(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	ctx := context.Background()
	u, _ := f.register(t, "ann@example.com", goodPassword)
	laptop, _ := f.login("ann@example.com", goodPassword, "192.0.2.1")
	phone, _ := f.login("ann@example.com", goodPassword, "192.0.2.2")
	change := func(current, next string) (string, error) {
		return f.svc.Accounts.ChangePassword(ctx, PasswordChange{UserID: u.ID, Current: current, New: next, IP: "192.0.2.1"})
	}
	if _, err := change("not-my-password", "another-fine-phrase"); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("wrong current password: %v, want ErrWrongPassword", err)
	}
	if _, err := change(goodPassword, "qwerty123"); !errors.Is(err, ErrWeakPassword) {
		t.Errorf("common new password: %v, want ErrWeakPassword", err)
	}
	token, err := change(goodPassword, "another-fine-phrase")
	if err != nil {
		t.Fatal(err)
	}
	for _, old := range []string{laptop.Token, phone.Token} {
		if _, err := f.svc.Sessions.Check(ctx, old); !errors.Is(err, ErrUnauthorized) {
			t.Errorf("session from before the change survived: %v", err)
		}
	}
	if _, err := f.svc.Sessions.Check(ctx, token); err != nil {
		t.Errorf("the new session: %v", err)
	}
	if _, err := f.login("ann@example.com", goodPassword, "192.0.2.1"); err != ErrInvalidLogin {
		t.Errorf("old password still works: %v", err)
	}
	if _, err := f.login("ann@example.com", "another-fine-phrase", "192.0.2.1"); err != nil {
		t.Errorf("new password: %v", err)
	}
}

func TestChangePasswordGuessingIsLimited(t *testing.T) {
	limits := DefaultLimits
	limits.PerPair = 3
	f := newFixture(t, limits)
	ctx := context.Background()
	u, _ := f.register(t, "ann@example.com", goodPassword)
	for range 3 {
		f.svc.Accounts.ChangePassword(ctx, PasswordChange{UserID: u.ID, Current: "guess", New: "x-y-z-w-v-u", IP: "203.0.113.1"})
	}
	_, err := f.svc.Accounts.ChangePassword(ctx, PasswordChange{UserID: u.ID, Current: goodPassword, New: "another-fine-phrase", IP: "203.0.113.1"})
	if err != ErrTooManyAttempts {
		t.Errorf("after 3 wrong current passwords: %v, want ErrTooManyAttempts", err)
	}
}

func TestUpdateAccount(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	ctx := context.Background()
	u, _ := f.register(t, "ann@example.com", goodPassword)
	f.register(t, "bob@example.com", goodPassword)
	for _, tc := range []struct {
		name string
		up   AccountUpdate
		want error
	}{
		{"name only, no password", AccountUpdate{Name: "Ann B", Email: "ANN@example.com"}, nil},
		{"email without password", AccountUpdate{Name: "Ann B", Email: "ann@new.example"}, ErrWrongPassword},
		{"email with wrong password", AccountUpdate{Name: "Ann B", Email: "ann@new.example", Password: "nope-nope"}, ErrWrongPassword},
		{"email taken", AccountUpdate{Name: "Ann B", Email: "bob@example.com", Password: goodPassword}, ErrEmailTaken},
		{"bad email", AccountUpdate{Name: "Ann B", Email: "nope", Password: goodPassword}, ErrInvalidInput},
		{"email with password", AccountUpdate{Name: "Ann B", Email: "ann@new.example", Password: goodPassword}, nil},
	} {
		tc.up.UserID = u.ID
		if _, err := f.svc.Accounts.UpdateAccount(ctx, tc.up); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	got, _ := f.db.User(ctx, u.ID)
	if got.Email != "ann@new.example" || got.Name != "Ann B" {
		t.Errorf("user after updates: %q %q", got.Name, got.Email)
	}
}

func TestDisableUserEndsSessions(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	ctx := context.Background()
	u, _ := f.register(t, "ann@example.com", goodPassword)
	res, _ := f.login("ann@example.com", goodPassword, "192.0.2.1")
	if err := f.svc.Accounts.DisableUser(ctx, Principal{Kind: KindUser, UserID: 999}, u.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Sessions.Check(ctx, res.Token); !errors.Is(err, ErrUnauthorized) {
		t.Errorf("session of a disabled user: %v", err)
	}
	if _, err := f.login("ann@example.com", goodPassword, "192.0.2.1"); err != ErrInvalidLogin {
		t.Errorf("disabled user signs in: %v", err)
	}
}

func TestUserPrincipal(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	ctx := context.Background()
	u, org := f.register(t, "ann@example.com", goodPassword)
	_, other := f.register(t, "bob@example.com", goodPassword)
	res, _ := f.login("ann@example.com", goodPassword, "192.0.2.1")
	p, err := f.svc.Accounts.UserPrincipal(ctx, res.Session, 0)
	if err != nil || p.OrgID != org.ID || p.Role != RoleOwner || p.UserID != u.ID || !p.Can(ScopeAdmin) {
		t.Errorf("principal in own org: %+v, %v", p, err)
	}
	if _, err := f.svc.Accounts.UserPrincipal(ctx, res.Session, other.ID); !errors.Is(err, ErrForbidden) {
		t.Errorf("principal in another org: %v, want ErrForbidden", err)
	}
}
