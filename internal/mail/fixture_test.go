package mail

import (
	"context"
	"errors"
	"net/textproto"
	"sync"
	"testing"
	"time"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
)

var t0 = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

// clock is a settable test clock.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// fakeTransport records messages and answers with the queued errors, one
// per call (nil once they run out).
type fakeTransport struct {
	mu   sync.Mutex
	errs []error
	sent [][]byte
	to   []string
}

func (f *fakeTransport) Send(_ context.Context, _ string, to []string, msg []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.errs) > 0 {
		err := f.errs[0]
		f.errs = f.errs[1:]
		if err != nil {
			return err
		}
	}
	f.sent = append(f.sent, msg)
	f.to = append(f.to, to...)
	return nil
}

func (f *fakeTransport) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.sent)
}

// smtpErr is what net/smtp returns for a server's answer.
func smtpErr(code int) error { return &textproto.Error{Code: code, Msg: "test"} }

// auditLog records audit events.
type auditLog struct {
	mu     sync.Mutex
	events []auth.Event
}

func (a *auditLog) Append(_ context.Context, e auth.Event) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.events = append(a.events, e)
	return nil
}

// fixture is a database with one user, an outbox, unsubscribe links and
// a sender on a fake transport, all on one clock.
type fixture struct {
	db     *store.DB
	clock  *clock
	user   *store.User
	outbox *Outbox
	unsub  *Unsubscribes
	tr     *fakeTransport
	sender *Sender
	audit  *auditLog
}

func newFixture(t *testing.T, optIn bool) *fixture {
	t.Helper()
	f := &fixture{db: storetest.Open(t), clock: &clock{t: t0}, tr: &fakeTransport{}, audit: &auditLog{}}
	ctx := context.Background()
	acc := &store.NewAccount{User: store.User{Email: "ada@example.com", Name: "Ada", MarketingOptIn: optIn},
		Org: store.Organization{Name: "Ada Org"}}
	if err := f.db.CreateAccount(ctx, acc); err != nil {
		t.Fatal(err)
	}
	f.user = &acc.User
	f.outbox = NewOutbox(f.db, OutboxOptions{Now: f.clock.now})
	var err error
	if f.unsub, err = NewUnsubscribes(f.db, make([]byte, 32), "https://syncloud.example/", f.audit); err != nil {
		t.Fatal(err)
	}
	f.sender, err = NewSender(f.db, f.tr, SenderOptions{From: "SynCloud <no-reply@syncloud.example>",
		Unsubscribes: f.unsub, Now: f.clock.now, MaxAttempts: 3})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// mail returns one outbox row.
func (f *fixture) mail(t *testing.T, id int64) *store.OutboxMail {
	t.Helper()
	m, err := f.db.OutboxMail(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// only returns the ID of the single row in the outbox.
func (f *fixture) only(t *testing.T) int64 {
	t.Helper()
	list, err := f.db.OutboxMails(context.Background(), 10)
	if err != nil || len(list) != 1 {
		t.Fatalf("outbox = %v, %v; want one message", list, err)
	}
	return list[0].ID
}

func (f *fixture) sentCount() int { return f.tr.count() }

func (f *fixture) tick(t *testing.T) {
	t.Helper()
	if err := f.sender.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
}

var errTemporary = errors.New("connection refused")
