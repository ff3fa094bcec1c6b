package mail

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
)

func TestEnqueueQueuesOrHolds(t *testing.T) {
	for _, hold := range []bool{false, true} {
		f := newFixture(t, false)
		f.outbox.hold = hold
		err := f.outbox.Enqueue(context.Background(), auth.Mail{To: " new@example.com", Subject: "Hi\r\nBcc: x@evil", Body: "b"})
		if err != nil {
			t.Fatal(err)
		}
		m := f.mail(t, f.only(t))
		want := StatusQueued
		if hold {
			want = StatusHeld
		}
		if m.Status != want || m.Category != "transactional" || m.To != "new@example.com" || m.Subject != "Hi Bcc: x@evil" {
			t.Errorf("hold=%v: row = %+v, want status %s, one-line subject", hold, m, want)
		}
		f.tick(t)
		if hold && len(f.tr.sent) != 0 {
			t.Errorf("held mail was sent")
		}
	}
}

func TestEnqueueRefusesBadRecipient(t *testing.T) {
	f := newFixture(t, false)
	err := f.outbox.Enqueue(context.Background(), auth.Mail{To: "not an address", Subject: "s", Body: "b"})
	if !errors.Is(err, auth.ErrInvalidInput) {
		t.Errorf("Enqueue = %v, want ErrInvalidInput", err)
	}
}

func TestSenderRetriesThenFails(t *testing.T) {
	f := newFixture(t, false)
	f.tr.errs = []error{errTemporary, smtpErr(421), errTemporary}
	if err := f.outbox.Enqueue(context.Background(), auth.Mail{To: "b@example.com", Subject: "s", Body: "b"}); err != nil {
		t.Fatal(err)
	}
	id := f.only(t)
	type state struct {
		Status   string
		Attempts int
		Next     time.Time
	}
	var got []state
	for range 3 {
		f.tick(t)
		m := f.mail(t, id)
		got = append(got, state{m.Status, m.Attempts, m.NextAttemptAt})
		f.clock.t = m.NextAttemptAt
		f.tick(t) // not due before next attempt: nothing changes
	}
	want := []state{
		{StatusQueued, 1, t0.Add(time.Minute)},
		{StatusQueued, 2, t0.Add(3 * time.Minute)},
		{StatusFailed, 3, t0.Add(3*time.Minute + 5*time.Minute)}, // the lease of the last claim
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("outbox row per attempt (-want +got):\n%s", diff)
	}
	if len(f.tr.sent) != 0 {
		t.Errorf("sent %d messages, want 0", len(f.tr.sent))
	}
}

func TestSenderPermanentErrorFailsAtOnce(t *testing.T) {
	f := newFixture(t, false)
	f.tr.errs = []error{&permanentError{err: smtpErr(550)}}
	if err := f.outbox.Enqueue(context.Background(), auth.Mail{To: "b@example.com", Subject: "s", Body: "b"}); err != nil {
		t.Fatal(err)
	}
	f.tick(t)
	if m := f.mail(t, f.only(t)); m.Status != StatusFailed || m.Attempts != 1 || !strings.Contains(m.LastError, "550") {
		t.Errorf("row = %+v, want failed after one attempt with the 550", m)
	}
}

func TestClassifyMarks5xxPermanent(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{smtpErr(550), true},
		{smtpErr(554), true},
		{smtpErr(421), false},
		{smtpErr(451), false},
		{errTemporary, false},
	}
	for _, tt := range tests {
		if got := isPermanent(classify("h:25", tt.err)); got != tt.want {
			t.Errorf("isPermanent(classify(%v)) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

func TestBackoff(t *testing.T) {
	s, err := NewSender(storetest.SQLite(t), nil, SenderOptions{Backoff: time.Minute, MaxBackoff: 10 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	var got []time.Duration
	for a := 1; a <= 6; a++ {
		got = append(got, s.Backoff(a))
	}
	want := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute, 10 * time.Minute, 10 * time.Minute}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("backoff (-want +got):\n%s", diff)
	}
}

func TestSenderPurgesOldMail(t *testing.T) {
	f := newFixture(t, false)
	if err := f.outbox.Enqueue(context.Background(), auth.Mail{To: "b@example.com", Subject: "s", Body: "b"}); err != nil {
		t.Fatal(err)
	}
	reset := &store.PasswordReset{UserID: f.user.ID, TokenHash: []byte("h"), CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}
	if err := f.db.CreatePasswordReset(context.Background(), reset); err != nil {
		t.Fatal(err)
	}
	f.tick(t)
	id := f.only(t)
	f.clock.t = t0.Add(29 * 24 * time.Hour)
	f.tick(t)
	if m := f.mail(t, id); m.Status != StatusSent {
		t.Fatalf("status = %s, want sent and kept within retention", m.Status)
	}
	f.clock.t = t0.Add(31 * 24 * time.Hour)
	f.tick(t)
	if list, _ := f.db.OutboxMails(context.Background(), 10); len(list) != 0 {
		t.Errorf("outbox after retention = %d messages, want 0", len(list))
	}
	if _, err := f.db.PasswordResetByTokenHash(context.Background(), []byte("h")); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("expired password reset after a purge: %v, want deleted", err)
	}
}

func TestNewSenderRejectsBadFrom(t *testing.T) {
	if _, err := NewSender(storetest.SQLite(t), nil, SenderOptions{From: "no at sign"}); err == nil {
		t.Error("NewSender accepted a From without an address")
	}
}

// TestRunDeliversWhenWoken runs the loop with an hour-long interval: the
// outbox's notification, not the poll, makes it deliver; cancelling the
// context stops it.
func TestRunDeliversWhenWoken(t *testing.T) {
	f := newFixture(t, false)
	sender, err := NewSender(f.db, f.tr, SenderOptions{Interval: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	outbox := NewOutbox(f.db, OutboxOptions{Notify: sender.Wake})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		sender.Run(ctx)
	}()
	for i := range 2 {
		if err := outbox.Enqueue(ctx, auth.Mail{To: "b@example.com", Subject: "s", Body: "b"}); err != nil {
			t.Fatal(err)
		}
		for f.sentCount() < i+1 {
			select {
			case <-done:
				t.Fatal("Run returned early")
			case <-time.After(10 * time.Millisecond):
			}
		}
	}
	cancel()
	<-done
}
