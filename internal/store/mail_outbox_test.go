package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
)

func TestMailOutboxLifecycle(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	u, org := newAccount(t, db, "mo@example.com", "Mail Org")
	due := &store.OutboxMail{OrgID: org.ID, UserID: u.ID, Category: "transactional", To: u.Email,
		Subject: "s", Body: "b", Status: "queued", CreatedAt: t0}
	later := &store.OutboxMail{Category: "transactional", To: "x@example.com", Subject: "s2", Body: "b2",
		Status: "queued", CreatedAt: t0, NextAttemptAt: t0.Add(time.Hour)}
	held := &store.OutboxMail{Category: "transactional", To: "h@example.com", Subject: "s3", Body: "b3",
		Status: "held", CreatedAt: t0}
	for _, m := range []*store.OutboxMail{due, later, held} {
		if err := db.EnqueueMail(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.ClaimMail(ctx, t0, t0.Add(time.Minute), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != due.ID || got[0].Attempts != 1 || !got[0].NextAttemptAt.Equal(t0.Add(time.Minute)) {
		t.Fatalf("ClaimMail = %+v, want only the due message, attempt 1, leased a minute", got)
	}
	if again, err := db.ClaimMail(ctx, t0, t0.Add(time.Minute), 10); err != nil || len(again) != 0 {
		t.Fatalf("second ClaimMail during the lease = %v, %v; want none", again, err)
	}
	if err := db.RetryMail(ctx, due.ID, t0.Add(2*time.Minute), "421 busy"); err != nil {
		t.Fatal(err)
	}
	got, _ = db.ClaimMail(ctx, t0.Add(2*time.Minute), t0.Add(3*time.Minute), 10)
	if len(got) != 1 || got[0].Attempts != 2 || got[0].LastError != "421 busy" {
		t.Fatalf("claim after retry = %+v", got)
	}
	if err := db.MarkMailSent(ctx, due.ID, t0.Add(3*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := db.FailMail(ctx, due.ID, "x"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("FailMail of a sent message = %v, want ErrNotFound", err)
	}
	list, err := db.OutboxMails(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	var statuses []string
	for _, m := range list {
		statuses = append(statuses, m.Status)
	}
	if diff := cmp.Diff([]string{"held", "queued", "sent"}, statuses); diff != "" {
		t.Errorf("outbox statuses, newest first (-want +got):\n%s", diff)
	}
	// Purge: the sent one (sent before the cut) and the held one go; the
	// queued one stays whatever its age.
	n, err := db.PurgeMail(ctx, t0.Add(time.Hour))
	if err != nil || n != 2 {
		t.Fatalf("PurgeMail = %d, %v; want 2", n, err)
	}
	if _, err := db.OutboxMail(ctx, later.ID); err != nil {
		t.Errorf("queued mail purged: %v", err)
	}
}

func TestMarketingMailNeedsUser(t *testing.T) {
	db := storetest.Open(t)
	err := db.EnqueueMail(context.Background(), &store.OutboxMail{Category: "marketing", To: "a@example.com",
		Subject: "s", Body: "b", Status: "queued"})
	if err == nil {
		t.Fatal("marketing mail without a user was stored")
	}
}

func TestPasswordResetSingleUse(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	u, _ := newAccount(t, db, "pr@example.com", "Reset Org")
	if err := db.CreateSession(ctx, &store.Session{TokenHash: []byte("sess"), UserID: u.ID, CreatedAt: t0,
		LastSeenAt: t0, IdleExpiresAt: t0.Add(time.Hour), AbsoluteExpiresAt: t0.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	for i, h := range []string{"one", "two"} {
		r := &store.PasswordReset{UserID: u.ID, TokenHash: []byte(h), CreatedAt: t0.Add(time.Duration(i) * time.Minute),
			ExpiresAt: t0.Add(time.Hour)}
		if err := db.CreatePasswordReset(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := db.CountPasswordResets(ctx, u.ID, t0.Add(time.Second)); err != nil || n != 1 {
		t.Errorf("CountPasswordResets since t0+1s = %d, %v; want 1", n, err)
	}
	if _, err := db.UsePasswordReset(ctx, []byte("one"), t0.Add(time.Hour), "new"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("expired reset = %v, want ErrNotFound", err)
	}
	if _, err := db.UsePasswordReset(ctx, []byte("one"), t0.Add(time.Minute), "$argon2id$new"); err != nil {
		t.Fatal(err)
	}
	got, _ := db.User(ctx, u.ID)
	if got.PasswordHash != "$argon2id$new" {
		t.Errorf("password hash = %q", got.PasswordHash)
	}
	if ss, _ := db.UserSessions(ctx, u.ID, t0); len(ss) != 0 {
		t.Errorf("sessions after reset = %d, want 0", len(ss))
	}
	for _, h := range []string{"one", "two"} {
		if _, err := db.UsePasswordReset(ctx, []byte(h), t0.Add(2*time.Minute), "x"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("reuse of %s = %v, want ErrNotFound (single use, siblings spent)", h, err)
		}
	}
}
