package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"
)

// failAs makes n failed logins for email from ip and fails the test
// unless each is answered ErrInvalidLogin.
func (f *fixture) failAs(t *testing.T, email, ip string, n int) {
	t.Helper()
	for i := range n {
		if _, err := f.login(email, fmt.Sprintf("wrong-guess-%d", i), ip); err != ErrInvalidLogin {
			t.Fatalf("failure %d of %s from %s: %v, want ErrInvalidLogin", i+1, email, ip, err)
		}
	}
}

func TestBruteForcePairLimitDoesNotLockOutUser(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	f.register(t, "ann@example.com", goodPassword)
	f.failAs(t, "ann@example.com", "203.0.113.66", 10)
	// The attacker's address is now refused, even with the right password,
	// without a password check.
	if _, err := f.login("ann@example.com", goodPassword, "203.0.113.66"); err != ErrTooManyAttempts {
		t.Fatalf("11th attempt from the attacker's IP: %v, want ErrTooManyAttempts", err)
	}
	// The user, elsewhere, signs in.
	if _, err := f.login("ann@example.com", goodPassword, "198.51.100.7"); err != nil {
		t.Fatalf("user locked out by another IP's failures: %v", err)
	}
	// An hour later the attacker's address may try again.
	f.clock.Advance(time.Hour + time.Second)
	if _, err := f.login("ann@example.com", "wrong-again", "203.0.113.66"); err != ErrInvalidLogin {
		t.Errorf("after the window: %v, want ErrInvalidLogin", err)
	}
}

func TestBruteForceSuccessClearsPair(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	f.register(t, "ann@example.com", goodPassword)
	f.failAs(t, "ann@example.com", "198.51.100.7", 9) // the user mistyping
	if _, err := f.login("ann@example.com", goodPassword, "198.51.100.7"); err != nil {
		t.Fatal(err)
	}
	f.failAs(t, "ann@example.com", "198.51.100.7", 9) // counted afresh
}

func TestBruteForcePerIPLimit(t *testing.T) {
	limits := DefaultLimits
	limits.PerIP = 12
	f := newFixture(t, limits)
	f.register(t, "ann@example.com", goodPassword)
	for i := range 12 { // password spraying: one guess per account
		f.failAs(t, fmt.Sprintf("user%d@example.com", i), "203.0.113.66", 1)
	}
	if _, err := f.login("ann@example.com", goodPassword, "203.0.113.66"); err != ErrTooManyAttempts {
		t.Fatalf("after %d failures from one IP: %v, want ErrTooManyAttempts", limits.PerIP, err)
	}
	if _, err := f.login("ann@example.com", goodPassword, "198.51.100.7"); err != nil {
		t.Errorf("other IPs are affected: %v", err)
	}
}

// TestBruteForceAccountCeiling: a botnet gets at most 100 guesses an hour
// at one account, and the real user, on a browser that signed in before,
// still gets in.
func TestBruteForceAccountCeiling(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	ctx := context.Background()
	u, _ := f.register(t, "ann@example.com", goodPassword)
	// The user signed in last week on their laptop, which kept the device
	// cookie.
	w := httptest.NewRecorder()
	f.svc.Devices.Set(w, u.ID, f.clock.Now().Add(-7*24*time.Hour))
	device := w.Result().Cookies()[0].Value

	for i := range 10 { // 10 addresses × 10 guesses
		f.failAs(t, "ann@example.com", fmt.Sprintf("203.0.113.%d", i), 10)
	}
	if _, err := f.login("ann@example.com", goodPassword, "203.0.113.200"); err != ErrTooManyAttempts {
		t.Fatalf("101st attempt from a new IP: %v, want ErrTooManyAttempts", err)
	}
	c, _ := f.svc.Accounts.guard.log.Count(ctx, "ann@example.com", "", f.clock.Now().Add(-time.Hour))
	if c.Account != 100 {
		t.Errorf("failures counted for the account = %d, want 100 (refused attempts are not guesses)", c.Account)
	}
	res, err := f.svc.Accounts.Login(ctx, LoginRequest{Email: "ann@example.com", Password: goodPassword,
		IP: "198.51.100.7", DeviceToken: device})
	if err != nil || res.User.ID != u.ID {
		t.Fatalf("user with device cookie: %v; want signed in", err)
	}
	forged := f.svc.Devices.Value(u.ID+1, f.clock.Now())
	_, err = f.svc.Accounts.Login(ctx, LoginRequest{Email: "ann@example.com", Password: goodPassword,
		IP: "198.51.100.8", DeviceToken: forged})
	if !errors.Is(err, ErrTooManyAttempts) {
		t.Errorf("device cookie of another user: %v, want ErrTooManyAttempts", err)
	}
}

// TestFailureLogs checks both FailureLog implementations count the same.
func TestFailureLogs(t *testing.T) {
	logs := map[string]func(t *testing.T) FailureLog{
		"db": func(t *testing.T) FailureLog { return NewDBFailures(testDB(t)) },
		"redis": func(t *testing.T) FailureLog {
			rdb, prefix := testRedis(t)
			return NewRedisFailures(rdb, prefix, time.Hour)
		},
	}
	for name, open := range logs {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			l := open(t)
			t0 := newFakeClock().Now()
			for _, r := range []struct {
				account, ip string
				at          time.Duration
			}{
				{"ann@example.com", "a", 0}, {"ann@example.com", "a", time.Minute},
				{"ann@example.com", "b", 2 * time.Minute}, {"bob@example.com", "a", 3 * time.Minute},
				{"ann@example.com", "a", -2 * time.Hour}, // outside the window
			} {
				if err := l.Record(ctx, r.account, r.ip, t0.Add(r.at)); err != nil {
					t.Fatal(err)
				}
			}
			since := t0.Add(-time.Hour)
			got, err := l.Count(ctx, "ann@example.com", "a", since)
			if want := (FailureCounts{Pair: 2, Account: 3, IP: 3}); err != nil || got != want {
				t.Errorf("Count = %+v, %v; want %+v", got, err, want)
			}
			if err := l.ClearPair(ctx, "ann@example.com", "a"); err != nil {
				t.Fatal(err)
			}
			got, _ = l.Count(ctx, "ann@example.com", "a", since)
			if got.Pair != 0 || got.Account < 1 {
				t.Errorf("after ClearPair: %+v; want pair 0, account failures from elsewhere kept", got)
			}
		})
	}
}
