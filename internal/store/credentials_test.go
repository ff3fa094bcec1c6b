package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
)

func TestAPIKeys(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	ada, acme := newAccount(t, db, "ada@example.com", "Acme")
	_, other := newAccount(t, db, "eve@example.com", "Evil")
	exp := t0.Add(24 * time.Hour)
	k := &store.APIKey{CreatedBy: ada.ID, Name: "ci", Prefix: "sc_abc", Hash: []byte("h1"),
		Scopes: []string{"generate", "runs:read"}, CreatedAt: t0, ExpiresAt: &exp}
	if err := db.CreateAPIKey(ctx, acme.ID, k); err != nil {
		t.Fatal(err)
	}
	dup := &store.APIKey{Name: "dup", Prefix: "sc_abc", Hash: []byte("h1"), Scopes: []string{"admin"}}
	if err := db.CreateAPIKey(ctx, acme.ID, dup); !errors.Is(err, store.ErrConflict) {
		t.Errorf("duplicate hash: err = %v, want ErrConflict", err)
	}
	got, err := db.APIKeyByHash(ctx, []byte("h1"))
	if err != nil || got.ID != k.ID || got.OrgID != acme.ID || len(got.Scopes) != 2 || !got.ExpiresAt.Equal(exp) {
		t.Fatalf("APIKeyByHash = %+v, %v", got, err)
	}
	if !got.Active(t0) || got.Active(exp) {
		t.Errorf("Active: before expiry %v, at expiry %v", got.Active(t0), got.Active(exp))
	}
	// Another organization sees nothing and can revoke nothing.
	if _, err := db.APIKey(ctx, other.ID, k.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("APIKey from other org: err = %v", err)
	}
	if err := db.RevokeAPIKey(ctx, other.ID, k.ID, t0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("RevokeAPIKey from other org: err = %v", err)
	}
	// Touch writes at most once per interval.
	for _, at := range []time.Time{t0, t0.Add(30 * time.Second), t0.Add(2 * time.Minute)} {
		if err := db.TouchAPIKey(ctx, acme.ID, k.ID, at); err != nil {
			t.Fatal(err)
		}
	}
	got, _ = db.APIKey(ctx, acme.ID, k.ID)
	if got.LastUsedAt == nil || !got.LastUsedAt.Equal(t0.Add(2*time.Minute)) {
		t.Errorf("LastUsedAt = %v, want %v", got.LastUsedAt, t0.Add(2*time.Minute))
	}
	for i := 0; i < 2; i++ { // revoking twice keeps the first time
		if err := db.RevokeAPIKey(ctx, acme.ID, k.ID, t0.Add(time.Duration(i)*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	got, _ = db.APIKeyByHash(ctx, []byte("h1"))
	if got.RevokedAt == nil || !got.RevokedAt.Equal(t0) || got.Active(t0) {
		t.Errorf("after revoke: RevokedAt = %v, Active = %v", got.RevokedAt, got.Active(t0))
	}
	keys, err := db.APIKeys(ctx, other.ID)
	if err != nil || len(keys) != 0 {
		t.Errorf("other org's keys = %v, %v", keys, err)
	}
}

func TestSessions(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	ada, _ := newAccount(t, db, "ada@example.com", "Acme")
	mk := func(hash string, created time.Time) *store.Session {
		s := &store.Session{TokenHash: []byte(hash), UserID: ada.ID, CreatedAt: created,
			IdleExpiresAt: created.Add(30 * time.Minute), AbsoluteExpiresAt: created.Add(12 * time.Hour),
			IP: "192.0.2.1", UserAgent: "Firefox"}
		if err := db.CreateSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	a, b := mk("a", t0), mk("b", t0.Add(time.Minute))
	if s, err := db.SessionByTokenHash(ctx, []byte("a"), t0.Add(29*time.Minute)); err != nil || s.ID != a.ID {
		t.Fatalf("live session: %v, %v", s, err)
	}
	if _, err := db.SessionByTokenHash(ctx, []byte("a"), t0.Add(30*time.Minute)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("idle-expired session: err = %v, want ErrNotFound", err)
	}
	// Activity moves the idle expiry, but never past the absolute one.
	if err := db.TouchSession(ctx, a.ID, t0.Add(11*time.Hour+50*time.Minute), t0.Add(12*time.Hour+20*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SessionByTokenHash(ctx, []byte("a"), t0.Add(12*time.Hour+time.Second)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("past absolute expiry: err = %v, want ErrNotFound", err)
	}
	list, err := db.UserSessions(ctx, ada.ID, t0.Add(2*time.Minute))
	if err != nil || len(list) != 2 || list[0].ID != a.ID {
		t.Fatalf("UserSessions = %+v, %v", list, err)
	}
	if n, err := db.DeleteOtherUserSessions(ctx, ada.ID, b.ID); err != nil || n != 1 {
		t.Errorf("DeleteOtherUserSessions = %d, %v", n, err)
	}
	mk("c", t0)
	if err := db.DisableUser(ctx, ada.ID, t0); err != nil {
		t.Fatal(err)
	}
	if list, _ := db.UserSessions(ctx, ada.ID, t0); len(list) != 0 {
		t.Errorf("disabled user still has %d sessions", len(list))
	}
	if u, _ := db.User(ctx, ada.ID); u.DisabledAt == nil || !u.DisabledAt.Equal(t0) {
		t.Errorf("DisabledAt = %v", u.DisabledAt)
	}
}

func TestInvitations(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	ada, acme := newAccount(t, db, "ada@example.com", "Acme")
	bob, _ := newAccount(t, db, "bob@example.com", "Bobco")
	inv := &store.Invitation{Email: "bob@example.com", Role: store.RoleMember, TokenHash: []byte("tok"),
		InvitedBy: ada.ID, CreatedAt: t0, ExpiresAt: t0.Add(72 * time.Hour)}
	if err := db.CreateInvitation(ctx, acme.ID, inv); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AcceptInvitation(ctx, []byte("tok"), bob.ID, t0.Add(73*time.Hour)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("expired invitation: err = %v, want ErrNotFound", err)
	}
	got, err := db.AcceptInvitation(ctx, []byte("tok"), bob.ID, t0.Add(time.Hour))
	if err != nil || got.AcceptedAt == nil {
		t.Fatalf("AcceptInvitation = %+v, %v", got, err)
	}
	if m, err := db.Membership(ctx, acme.ID, bob.ID); err != nil || m.Role != store.RoleMember {
		t.Errorf("membership after accept = %+v, %v", m, err)
	}
	if _, err := db.AcceptInvitation(ctx, []byte("tok"), bob.ID, t0.Add(time.Hour)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second accept: err = %v, want ErrNotFound", err)
	}
	if err := db.DeleteInvitation(ctx, 9999, inv.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("delete from other org: err = %v", err)
	}
}

func TestOAuthAndLoginFailures(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	ada, _ := newAccount(t, db, "ada@example.com", "Acme")
	id := &store.OAuthIdentity{Provider: "github", Subject: "42", UserID: ada.ID, Email: "ada@gh"}
	if err := db.LinkOAuthIdentity(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := db.LinkOAuthIdentity(ctx, &store.OAuthIdentity{Provider: "github", Subject: "42", UserID: ada.ID}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("second link: err = %v, want ErrConflict", err)
	}
	if got, err := db.OAuthIdentity(ctx, "github", "42"); err != nil || got.UserID != ada.ID {
		t.Errorf("OAuthIdentity = %+v, %v", got, err)
	}
	for i, ip := range []string{"10.0.0.1", "10.0.0.1", "10.0.0.2"} {
		if err := db.RecordLoginFailure(ctx, "Ada@Example.com", ip, t0.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	count := func(f func() (int, error), want int, what string) {
		t.Helper()
		if n, err := f(); err != nil || n != want {
			t.Errorf("%s = %d, %v; want %d", what, n, err, want)
		}
	}
	count(func() (int, error) { return db.CountLoginFailures(ctx, "ada@example.com", t0) }, 3, "per account")
	count(func() (int, error) { return db.CountLoginFailures(ctx, "ada@example.com", t0.Add(time.Minute)) }, 2, "per account in window")
	count(func() (int, error) { return db.CountLoginFailuresByIP(ctx, "10.0.0.1", t0) }, 2, "per ip")
	if err := db.ClearLoginFailures(ctx, "ada@example.com", "10.0.0.2"); err != nil {
		t.Fatal(err)
	}
	count(func() (int, error) {
		return db.CountLoginFailuresByAccountAndIP(ctx, "ada@example.com", "10.0.0.2", t0)
	}, 0, "after clear")
	if n, err := db.PurgeLoginFailures(ctx, t0.Add(90*time.Second)); err != nil || n != 2 {
		t.Errorf("PurgeLoginFailures = %d, %v", n, err)
	}
}

func TestPurgePromptsFollowsRetention(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	_, short := newAccount(t, db, "a@example.com", "Short")
	_, long := newAccount(t, db, "b@example.com", "Long")
	if err := db.UpdateOrganization(ctx, short.ID, short.Name, "free", 7); err != nil {
		t.Fatal(err)
	}
	p := "make me a bucket"
	var logs []store.RequestLog
	for _, org := range []int64{short.ID, long.ID} {
		for _, age := range []int{1, 10, 40} {
			logs = append(logs, store.RequestLog{OrgID: org, Route: "POST /api/v1/generate", Status: 200,
				Success: true, LatencyMS: 1.5, Prompt: &p, CreatedAt: t0.AddDate(0, 0, -age)})
		}
	}
	if err := db.InsertRequestLogs(ctx, logs); err != nil {
		t.Fatal(err)
	}
	n, err := db.PurgePrompts(ctx, t0)
	if err != nil || n != 3 { // short: 10 and 40 days; long (30): 40 days
		t.Fatalf("PurgePrompts = %d, %v; want 3", n, err)
	}
	for org, want := range map[int64]int{short.ID: 1, long.ID: 2} {
		rows, err := db.RequestLogs(ctx, org, 10)
		if err != nil {
			t.Fatal(err)
		}
		kept := 0
		for _, r := range rows {
			if r.Prompt != nil {
				kept++
			}
		}
		if kept != want {
			t.Errorf("org %d keeps %d prompts, want %d", org, kept, want)
		}
	}
}
