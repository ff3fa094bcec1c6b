package auth

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/syncloud/syncloud/internal/store"
)

const goodPassword = "violet-tram-quarry"

func TestRegister(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	ctx := context.Background()
	u, o := f.register(t, "Ann@Example.com", goodPassword)
	m, err := f.db.Membership(ctx, o.ID, u.ID)
	if err != nil || m.Role != store.RoleOwner {
		t.Fatalf("membership = %+v, %v; want owner", m, err)
	}
	if ok, _ := VerifyPassword(goodPassword, u.PasswordHash); !ok || NeedsRehash(u.PasswordHash, MinParams) {
		t.Errorf("stored hash %q does not verify at the minimum params", u.PasswordHash)
	}
	if got := f.audit.actions(); len(got) != 1 || got[0] != "account.register" || f.audit.events[0].OrgID != o.ID {
		t.Errorf("audit = %v, want one account.register in the new org's chain", got)
	}
	for _, tc := range []struct {
		name string
		reg  Registration
		want error
	}{
		{"email taken in other case", Registration{"ann@EXAMPLE.com", "A", "B", goodPassword}, ErrEmailTaken},
		{"common password", Registration{"bob@example.com", "Bob", "B", "password123"}, ErrWeakPassword},
		{"short password", Registration{"bob@example.com", "Bob", "B", "abc"}, ErrWeakPassword},
		{"bad email", Registration{"bob at example", "Bob", "B", goodPassword}, ErrInvalidInput},
		{"no name", Registration{"bob@example.com", " ", "B", goodPassword}, ErrInvalidInput},
		{"no org", Registration{"bob@example.com", "Bob", "", goodPassword}, ErrInvalidInput},
	} {
		if _, _, err := f.svc.Accounts.Register(ctx, tc.reg); !errors.Is(err, tc.want) {
			t.Errorf("%s: Register = %v, want %v", tc.name, err, tc.want)
		}
	}
}

func TestLoginStartsFreshSession(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	ctx := context.Background()
	u, _ := f.register(t, "ann@example.com", goodPassword)
	first, err := f.login("ANN@example.com ", goodPassword, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	second, err := f.svc.Accounts.Login(ctx, LoginRequest{Email: "ann@example.com", Password: goodPassword,
		IP: "192.0.2.1", OldSessionToken: first.Token})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Sessions.Check(ctx, first.Token); !errors.Is(err, ErrUnauthorized) {
		t.Errorf("the pre-login session survived: %v", err)
	}
	s, err := f.svc.Sessions.Check(ctx, second.Token)
	if err != nil || s.UserID != u.ID {
		t.Errorf("new session: %+v, %v", s, err)
	}
	if n := f.audit.count("auth.login"); n != 2 {
		t.Errorf("auth.login events = %d, want 2", n)
	}
}

func TestLoginFailuresLookAlike(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	ctx := context.Background()
	f.register(t, "ann@example.com", goodPassword)
	disabled, _ := f.register(t, "dis@example.com", goodPassword)
	if err := f.svc.Accounts.DisableUser(ctx, Principal{Kind: KindUser}, disabled.ID); err != nil {
		t.Fatal(err)
	}
	createTestAccount(t, f.db, "oauth@example.com", "", "") // OAuth-only: no password
	for _, tc := range []struct{ name, email, password string }{
		{"wrong password", "ann@example.com", "not-the-password"},
		{"unknown email", "nobody@example.com", goodPassword},
		{"disabled account", "dis@example.com", goodPassword},
		{"account without password", "oauth@example.com", ""},
	} {
		res, err := f.login(tc.email, tc.password, "192.0.2.9")
		if res != nil || err != ErrInvalidLogin {
			t.Errorf("%s: Login = %v, %v; want exactly ErrInvalidLogin", tc.name, res, err)
		}
	}
	if n := f.audit.count("auth.login_failed"); n != 4 {
		t.Errorf("auth.login_failed events = %d, want 4", n)
	}
	c, _ := f.svc.Accounts.guard.log.Count(ctx, "nobody@example.com", "192.0.2.9", f.clock.Now().Add(-1))
	if c.Account != 1 {
		t.Errorf("failures of an unknown account are not counted like a known one's: %+v", c)
	}
}

func TestLoginRehashesWeakHash(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	ctx := context.Background()
	salt := []byte("0123456789abcdef")
	weak := encodePHC(Params{Memory: 4096, Time: 1, Threads: 1}, salt, legacyKey(goodPassword, salt))
	acc := createTestAccount(t, f.db, "old@example.com", weak, "")
	if _, err := f.login("old@example.com", goodPassword, "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	u, _ := f.db.User(ctx, acc.User.ID)
	if u.PasswordHash == weak || NeedsRehash(u.PasswordHash, MinParams) {
		t.Errorf("hash after login = %q; want a fresh one at the minimum params", u.PasswordHash)
	}
	if ok, _ := VerifyPassword(goodPassword, u.PasswordHash); !ok {
		t.Error("rehashed password does not verify")
	}
}

// BenchmarkLoginFailure compares a wrong password for a real account with
// an unknown email: both must cost one argon2id verification, so that
// timing does not reveal which accounts exist. Compare the ns/op of the
// two.
func BenchmarkLoginFailure(b *testing.B) {
	unlimited := Limits{Window: time.Hour, PerPair: 1 << 30, PerIP: 1 << 30, PerAccount: 1 << 30}
	f := newFixture(b, unlimited)
	f.register(b, "ann@example.com", goodPassword)
	for name, email := range map[string]string{"wrong password": "ann@example.com", "unknown email": "nobody@example.com"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := f.login(email, "not-the-password", "192.0.2.1"); err != ErrInvalidLogin {
					b.Fatal(err)
				}
			}
		})
	}
}
