package main

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
)

// retentionFixture is two organizations keeping prompts 7 and 0 days,
// each with a prompt from 10 days, 3 days and 1 minute before now, an
// expired and a live session, and an old and a recent login failure.
type retentionFixture struct {
	db        *store.DB
	now       time.Time
	week, off int64 // the organizations' IDs
}

func newRetentionFixture(t *testing.T) retentionFixture {
	t.Helper()
	ctx := context.Background()
	f := retentionFixture{db: storetest.Open(t), now: time.Now().UTC().Truncate(time.Second)}
	var orgs []int64
	for _, days := range []int{7, 0} {
		o := &store.Organization{Name: "org", RetentionDays: days}
		if err := f.db.CreateOrganization(ctx, o); err != nil {
			t.Fatal(err)
		}
		if err := f.db.UpdateOrganization(ctx, o.ID, o.Name, o.Plan, days); err != nil { // 0 means the default on create
			t.Fatal(err)
		}
		orgs = append(orgs, o.ID)
		var logs []store.RequestLog
		for _, age := range []time.Duration{10 * 24 * time.Hour, 3 * 24 * time.Hour, time.Minute} {
			prompt := "an S3 bucket " + age.String()
			logs = append(logs, store.RequestLog{OrgID: o.ID, RequestID: age.String(), Method: "POST",
				Route: "POST /api/v1/generate", Status: 200, Success: true, Prompt: &prompt, CreatedAt: f.now.Add(-age)})
		}
		if err := f.db.InsertRequestLogs(ctx, logs); err != nil {
			t.Fatal(err)
		}
	}
	f.week, f.off = orgs[0], orgs[1]
	f.addSessionsAndFailures(t)
	return f
}

func (f retentionFixture) addSessionsAndFailures(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	u := &store.User{Email: "a@example.com", Name: "A"}
	if err := f.db.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	for i, expires := range []time.Time{f.now.Add(-time.Minute), f.now.Add(time.Hour)} {
		s := &store.Session{TokenHash: []byte{byte(i), 1, 2, 3}, UserID: u.ID, CreatedAt: f.now.Add(-2 * time.Hour),
			IdleExpiresAt: expires, AbsoluteExpiresAt: f.now.Add(10 * time.Hour)}
		if err := f.db.CreateSession(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	for _, at := range []time.Time{f.now.Add(-2 * time.Hour), f.now.Add(-time.Minute)} {
		if err := f.db.RecordLoginFailure(ctx, "a@example.com", "192.0.2.1", at); err != nil {
			t.Fatal(err)
		}
	}
}

// prompts lists which requests of org still hold their prompt, by age.
func (f retentionFixture) prompts(t *testing.T, orgID int64) []string {
	t.Helper()
	logs, err := f.db.RequestLogs(context.Background(), orgID, 100)
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, l := range logs {
		if l.Prompt != nil {
			out = append(out, l.RequestID)
		}
	}
	return out
}

func (f retentionFixture) maintenance(redis bool) *maintenance {
	return &maintenance{db: f.db, redis: redis, failureWindow: time.Hour, interval: time.Hour,
		now: func() time.Time { return f.now }, log: slog.New(slog.DiscardHandler)}
}

// TestRetentionPurge runs one pass: each organization's prompts older
// than its retention are erased and recent ones kept; expired sessions
// and login failures past the window go; with Redis, only prompts.
func TestRetentionPurge(t *testing.T) {
	for _, tc := range []struct {
		name  string
		redis bool
		want  purged
	}{
		{"database sessions", false, purged{Prompts: 4, Sessions: 1, LoginFailures: 1}},
		{"redis sessions", true, purged{Prompts: 4}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newRetentionFixture(t)
			got, err := f.maintenance(tc.redis).purge(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("purged (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{"1m0s", "72h0m0s"}, f.prompts(t, f.week)); diff != "" {
				t.Errorf("7-day org's prompts kept (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{}, f.prompts(t, f.off)); diff != "" {
				t.Errorf("0-day org's prompts kept (-want +got):\n%s", diff)
			}
			again, err := f.maintenance(tc.redis).purge(context.Background())
			if err != nil || again != (purged{}) {
				t.Errorf("second pass purged %+v, %v; want nothing", again, err)
			}
		})
	}
}

// TestRetentionLoopRunsAndStops starts the loop as serve does: the first
// pass clears the old prompts, and cancelling the context stops it.
func TestRetentionLoopRunsAndStops(t *testing.T) {
	f := newRetentionFixture(t)
	m := f.maintenance(false)
	m.first, m.interval = time.Millisecond, time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	wait := m.start(ctx)
	deadline := time.Now().Add(30 * time.Second)
	for len(f.prompts(t, f.week)) != 2 {
		if time.Now().After(deadline) {
			t.Fatal("the first purge never ran")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	wait()
}

func TestRetentionInterval(t *testing.T) {
	p := &platform{}
	for _, tc := range []struct {
		env  string
		want time.Duration
		bad  bool
	}{
		{"", time.Hour, false}, {"15m", 15 * time.Minute, false}, {"soon", 0, true}, {"10ms", 0, true},
	} {
		m, err := newMaintenance(p, slog.New(slog.DiscardHandler), func(string) string { return tc.env })
		if tc.bad != (err != nil) || (err == nil && m.interval != tc.want) {
			t.Errorf("%q: %v, %v; want %v (error %v)", tc.env, m, err, tc.want, tc.bad)
		}
	}
}

// TestServeRunsRetentionPurges starts `syncloud serve` with a one-second
// interval: the server logs a purge pass with its counts and exits 0 when
// stopped.
func TestServeRunsRetentionPurges(t *testing.T) {
	t.Setenv("SYNCLOUD_DATA_DIR", t.TempDir())
	t.Setenv("SYNCLOUD_DATABASE_URL", "")
	t.Setenv("SYNCLOUD_REDIS_URL", "")
	t.Setenv("SYNCLOUD_RUN_WORKERS", "0")
	t.Setenv(envRetentionInterval, "1s")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	exit := make(chan int, 1)
	go func() { exit <- runServe(ctx, []string{"--addr", "127.0.0.1:0"}, nil, &stdout, &stderr) }()
	waitForAddr(t, &stderr)
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(stderr.String(), `"msg":"retention purge","prompts":0,"sessions":0,"login_failures":0`) {
		if time.Now().After(deadline) {
			t.Fatalf("no purge pass logged:\n%s", stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	if code := <-exit; code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr.String())
	}
}

// TestServeRefusesBadRunSettings: a malformed run timing stops `syncloud
// serve` at start, naming the variable, instead of running with a default.
func TestServeRefusesBadRunSettings(t *testing.T) {
	t.Setenv("SYNCLOUD_DATA_DIR", t.TempDir())
	t.Setenv("SYNCLOUD_DATABASE_URL", "")
	t.Setenv("SYNCLOUD_REDIS_URL", "")
	t.Setenv("SYNCLOUD_RUN_LEASE", "two minutes")
	var stdout, stderr syncBuffer
	if code := runServe(context.Background(), []string{"--addr", "127.0.0.1:0"}, nil, &stdout, &stderr); code == 0 {
		t.Fatalf("serve started with SYNCLOUD_RUN_LEASE=%q", "two minutes")
	}
	if !strings.Contains(stderr.String(), "SYNCLOUD_RUN_LEASE") {
		t.Errorf("the error does not name the variable:\n%s", stderr.String())
	}
}
