package auth

import (
	"context"
	"encoding/base64"
	"errors"
	"testing"
	"time"
)

// sessionStores returns every SessionStore implementation the environment
// can run, keyed by name, each fresh.
func sessionStores() map[string]func(t *testing.T, clock *fakeClock) SessionStore {
	return map[string]func(t *testing.T, clock *fakeClock) SessionStore{
		"db": func(t *testing.T, clock *fakeClock) SessionStore {
			return NewDBSessions(testDB(t), DefaultSessionConfig, clock.Now)
		},
		"redis": func(t *testing.T, _ *fakeClock) SessionStore {
			rdb, prefix := testRedis(t)
			return NewRedisSessions(rdb, prefix, DefaultSessionConfig.Absolute)
		},
	}
}

// eachSessionStore runs fn against a Sessions manager over every store.
func eachSessionStore(t *testing.T, fn func(t *testing.T, m *Sessions, store SessionStore, clock *fakeClock, users [2]int64)) {
	for name, open := range sessionStores() {
		t.Run(name, func(t *testing.T) {
			clock := newFakeClock()
			store := open(t, clock)
			m := NewSessions(store, DefaultSessionConfig, clock.Now)
			fn(t, m, store, clock, testUsers(t, store))
		})
	}
}

func TestSessionTokenIsRandomAndStoredHashed(t *testing.T) {
	eachSessionStore(t, func(t *testing.T, m *Sessions, store SessionStore, _ *fakeClock, users [2]int64) {
		ctx := context.Background()
		token, s, err := m.Start(ctx, users[0], "", "203.0.113.5", "Firefox")
		if err != nil {
			t.Fatal(err)
		}
		raw, err := base64.RawURLEncoding.DecodeString(token)
		if err != nil || len(raw) < 32 {
			t.Fatalf("token %q is not 256 random bits: %v", token, err)
		}
		if s.ID != HashToken(token) || s.ID == token {
			t.Fatalf("session ID %q is not the token's SHA-256", s.ID)
		}
		if _, err := store.Get(ctx, token); !errors.Is(err, ErrNoSession) {
			t.Errorf("store finds the session by the raw token: %v", err)
		}
		got, err := m.Check(ctx, token)
		if err != nil || got.UserID != users[0] || got.IP != "203.0.113.5" || got.UserAgent != "Firefox" {
			t.Errorf("Check = %+v, %v", got, err)
		}
		if _, err := m.Check(ctx, token+"x"); !errors.Is(err, ErrUnauthorized) {
			t.Errorf("Check(unknown) = %v, want ErrUnauthorized", err)
		}
	})
}

func TestSessionIdleTimeout(t *testing.T) {
	eachSessionStore(t, func(t *testing.T, m *Sessions, store SessionStore, clock *fakeClock, users [2]int64) {
		ctx := context.Background()
		token, _, _ := m.Start(ctx, users[0], "", "", "")
		for range 4 { // activity every 29 minutes keeps it alive for 2 hours
			clock.Advance(29 * time.Minute)
			if _, err := m.Check(ctx, token); err != nil {
				t.Fatalf("active session ended: %v", err)
			}
		}
		clock.Advance(30 * time.Minute)
		if _, err := m.Check(ctx, token); !errors.Is(err, ErrUnauthorized) {
			t.Fatalf("Check after 30 idle minutes = %v, want ErrUnauthorized", err)
		}
		if _, err := store.Get(ctx, HashToken(token)); !errors.Is(err, ErrNoSession) {
			t.Errorf("store still serves the expired session: %v", err)
		}
	})
}

func TestSessionAbsoluteTimeout(t *testing.T) {
	eachSessionStore(t, func(t *testing.T, m *Sessions, _ SessionStore, clock *fakeClock, users [2]int64) {
		ctx := context.Background()
		token, _, _ := m.Start(ctx, users[0], "", "", "")
		for elapsed := 20 * time.Minute; elapsed < 12*time.Hour; elapsed += 20 * time.Minute {
			clock.Advance(20 * time.Minute)
			if _, err := m.Check(ctx, token); err != nil {
				t.Fatalf("session ended after %v of activity: %v", elapsed, err)
			}
		}
		clock.Advance(20 * time.Minute)
		if _, err := m.Check(ctx, token); !errors.Is(err, ErrUnauthorized) {
			t.Errorf("Check after 12 h = %v, want ErrUnauthorized", err)
		}
	})
}

func TestSessionNewTokenAtLoginKillsOld(t *testing.T) {
	eachSessionStore(t, func(t *testing.T, m *Sessions, _ SessionStore, _ *fakeClock, users [2]int64) {
		ctx := context.Background()
		old, _, _ := m.Start(ctx, users[0], "", "", "")
		fresh, _, err := m.Start(ctx, users[0], old, "", "")
		if err != nil {
			t.Fatal(err)
		}
		if fresh == old {
			t.Fatal("login reused the old token")
		}
		if _, err := m.Check(ctx, old); !errors.Is(err, ErrUnauthorized) {
			t.Errorf("old token still works: %v", err)
		}
		if _, err := m.Check(ctx, fresh); err != nil {
			t.Errorf("new token: %v", err)
		}
	})
}

func TestSessionLogoutListAndEnd(t *testing.T) {
	eachSessionStore(t, func(t *testing.T, m *Sessions, _ SessionStore, clock *fakeClock, users [2]int64) {
		ctx := context.Background()
		a, _, _ := m.Start(ctx, users[0], "", "198.51.100.1", "Chrome")
		clock.Advance(time.Second)
		b, sb, _ := m.Start(ctx, users[0], "", "198.51.100.2", "Safari")
		other, so, _ := m.Start(ctx, users[1], "", "", "")
		list, err := m.List(ctx, users[0])
		if err != nil || len(list) != 2 || list[0].ID != sb.ID {
			t.Fatalf("List = %+v, %v; want 2 sessions, newest first", list, err)
		}
		if err := m.EndByID(ctx, users[0], so.ID); !errors.Is(err, ErrNoSession) {
			t.Errorf("ending another user's session: %v, want ErrNoSession", err)
		}
		if err := m.EndByID(ctx, users[0], sb.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := m.Check(ctx, b); !errors.Is(err, ErrUnauthorized) {
			t.Errorf("ended session still works: %v", err)
		}
		if err := m.End(ctx, a); err != nil {
			t.Fatal(err)
		}
		if _, err := m.Check(ctx, a); !errors.Is(err, ErrUnauthorized) {
			t.Errorf("logged-out session still works: %v", err)
		}
		if _, err := m.Check(ctx, other); err != nil {
			t.Errorf("another user's session was ended: %v", err)
		}
	})
}

func TestSessionEndAll(t *testing.T) {
	eachSessionStore(t, func(t *testing.T, m *Sessions, _ SessionStore, _ *fakeClock, users [2]int64) {
		ctx := context.Background()
		t1, _, _ := m.Start(ctx, users[0], "", "", "")
		t2, _, _ := m.Start(ctx, users[0], "", "", "")
		keep, _, _ := m.Start(ctx, users[1], "", "", "")
		if err := m.EndAll(ctx, users[0]); err != nil {
			t.Fatal(err)
		}
		for _, tok := range []string{t1, t2} {
			if _, err := m.Check(ctx, tok); !errors.Is(err, ErrUnauthorized) {
				t.Errorf("session survived EndAll: %v", err)
			}
		}
		if _, err := m.Check(ctx, keep); err != nil {
			t.Errorf("another user's session was ended: %v", err)
		}
		if list, _ := m.List(ctx, users[0]); len(list) != 0 {
			t.Errorf("List after EndAll = %v", list)
		}
	})
}
