package auth

import (
	"bytes"
	"context"
	"sync"
	"testing"

	"github.com/syncloud/syncloud/internal/store"
)

// recordingAuditor keeps the events it is given, for assertions.
type recordingAuditor struct {
	mu     sync.Mutex
	events []Event
}

func (r *recordingAuditor) Append(_ context.Context, e Event) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, e)
	return nil
}

// actions returns the actions recorded so far, in order.
func (r *recordingAuditor) actions() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, e := range r.events {
		out = append(out, e.Action)
	}
	return out
}

// count returns how many events have the action.
func (r *recordingAuditor) count(action string) int {
	n := 0
	for _, a := range r.actions() {
		if a == action {
			n++
		}
	}
	return n
}

// outbox is a Mailer that keeps what it is given.
type outbox struct {
	mu   sync.Mutex
	mail []Mail
}

func (o *outbox) Enqueue(_ context.Context, m Mail) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.mail = append(o.mail, m)
	return nil
}

// fixture is a Service over a fresh database with a fake clock; sessions
// and login failures live in Redis when SYNCLOUD_TEST_REDIS_URL is set,
// as in production with Redis.
type fixture struct {
	svc   *Service
	db    *store.DB
	clock *fakeClock
	audit *recordingAuditor
	mail  *outbox
}

func newFixture(t testing.TB, limits Limits) *fixture {
	t.Helper()
	f := &fixture{db: testDB(t), clock: newFakeClock(), audit: &recordingAuditor{}, mail: &outbox{}}
	cfg := Config{DB: f.db, Audit: f.audit, Secret: bytes.Repeat([]byte{9}, 32),
		Limits: limits, Mailer: f.mail, BaseURL: "https://portal.test", Now: f.clock.Now}
	if rdb, prefix := optionalRedis(t); rdb != nil {
		cfg.Redis, cfg.RedisPrefix = rdb, prefix
	}
	svc, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	f.svc = svc
	return f
}

// register creates an account through the service and fails the test on
// error.
func (f *fixture) register(t testing.TB, email, password string) (*store.User, *store.Organization) {
	t.Helper()
	u, o, err := f.svc.Accounts.Register(context.Background(),
		Registration{Email: email, Name: "Ann Example", OrgName: "Example Ltd", Password: password})
	if err != nil {
		t.Fatalf("register %s: %v", email, err)
	}
	return u, o
}

func (f *fixture) login(email, password, ip string) (*LoginResult, error) {
	return f.svc.Accounts.Login(context.Background(),
		LoginRequest{Email: email, Password: password, IP: ip, UserAgent: "test"})
}
