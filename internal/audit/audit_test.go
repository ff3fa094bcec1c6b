package audit

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
)

var t0 = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

// testKey is a fixed signing key; otherKey is an attacker's.
var (
	testSeed = sha256.Sum256([]byte("syncloud-test"))
	testKey  = ed25519.NewKeyFromSeed(testSeed[:])
	otherKey = ed25519.NewKeyFromSeed(make([]byte, 32))
)

// clock is a settable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

func newWriter(t testing.TB, db *store.DB, c *clock) *Writer {
	t.Helper()
	opts := Options{SigningKey: testKey, CheckpointInterval: time.Hour}
	if c != nil {
		opts.Now = c.Now
	}
	w, err := NewWriter(db, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close(context.Background()) })
	return w
}

func appendN(t testing.TB, w *Writer, org int64, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		_, err := w.Append(context.Background(), Event{OrgID: org,
			Actor:  Actor{Type: "user", ID: "7", Label: "ada@example.com"},
			Action: "api_key.create", Target: Target{Type: "api_key", ID: fmt.Sprint(i)},
			Details: map[string]any{"name": fmt.Sprintf("key-%d", i), "scopes": []string{"generate"}}})
		if err != nil {
			t.Fatalf("Append: %v", err)
		}
	}
}

func TestAppendChainsPerOrgAndVerifies(t *testing.T) {
	db := storetest.Open(t)
	w := newWriter(t, db, nil)
	ctx := context.Background()
	rec, err := w.Append(ctx, Event{OrgID: 1, Action: "auth.login.success", Details: struct{ B, A int }{2, 1}})
	if err != nil {
		t.Fatal(err)
	}
	if rec.Seq != 1 || rec.PrevHash != fmt.Sprintf("%064x", 0) || string(rec.Details) != `{"A":1,"B":2}` {
		t.Errorf("first record = %+v", rec)
	}
	appendN(t, w, 1, 3)
	appendN(t, w, 2, 2)
	appendN(t, w, PlatformChain, 1)
	if err := w.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Append(ctx, Event{OrgID: 1}); err != ErrClosed {
		t.Errorf("Append after Close: err = %v, want ErrClosed", err)
	}
	rep, err := Verify(ctx, db, testKey.Public().(ed25519.PublicKey), AllChains)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Chains != 3 || rep.Events != 7 || rep.Checkpoints != 3 {
		t.Errorf("Verify = %+v (problem %v), want OK, 3 chains, 7 events, 3 checkpoints", rep, rep.Problem)
	}
	one, err := Verify(ctx, db, testKey.Public().(ed25519.PublicKey), 2)
	if err != nil || !one.OK() || one.Events != 2 {
		t.Errorf("Verify(org 2) = %+v, %v", one, err)
	}
}

// TestAppendConcurrentIsGapFree has 64 callers append at once: every
// event lands, the chains verify, and group commit used fewer
// transactions than events.
func TestAppendConcurrentIsGapFree(t *testing.T) {
	db := storetest.Open(t)
	w := newWriter(t, db, nil)
	const callers, each = 64, 10
	var wg sync.WaitGroup
	seqs := make(chan int64, callers*each)
	for i := 0; i < callers; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < each; j++ {
				rec, err := w.Append(context.Background(), Event{OrgID: int64(i % 3), Action: "generate",
					Details: map[string]int{"caller": i, "n": j}})
				if err != nil {
					t.Error(err)
					return
				}
				seqs <- rec.OrgID<<32 | rec.Seq
			}
		}(i)
	}
	wg.Wait()
	close(seqs)
	seen := map[int64]bool{}
	for s := range seqs {
		if seen[s] {
			t.Fatalf("sequence %d/%d handed out twice", s>>32, s&0xffffffff)
		}
		seen[s] = true
	}
	ctx := context.Background()
	if err := w.Close(ctx); err != nil {
		t.Fatal(err)
	}
	rep, err := Verify(ctx, db, testKey.Public().(ed25519.PublicKey), AllChains)
	if err != nil || !rep.OK() || rep.Events != callers*each {
		t.Fatalf("Verify = %+v, %v; problem %v", rep, err, rep.Problem)
	}
	events, batches := w.Stats()
	if events != callers*each || batches >= events {
		t.Errorf("Stats = %d events in %d transactions; want %d in fewer", events, batches, callers*each)
	}
	t.Logf("%d events in %d transactions", events, batches)
}

func TestCheckpointWhenIdle(t *testing.T) {
	db := storetest.Open(t)
	c := &clock{t: t0}
	w := newWriter(t, db, c)
	appendN(t, w, 5, 2)
	ctx := context.Background()
	for i := 1; i <= 3; i++ {
		c.Set(t0.Add(time.Duration(i) * time.Minute))
		if err := w.Checkpoint(ctx); err != nil {
			t.Fatal(err)
		}
	}
	got := map[int64]int{}
	for _, org := range []int64{PlatformChain, 5} {
		cps, err := db.AuditCheckpoints(ctx, org)
		if err != nil {
			t.Fatal(err)
		}
		got[org] = len(cps)
	}
	// The platform heartbeat is written every time; org 5 only when it moved.
	if diff := cmp.Diff(map[int64]int{PlatformChain: 3, 5: 1}, got); diff != "" {
		t.Errorf("checkpoints per chain (-want +got):\n%s", diff)
	}
}

func TestList(t *testing.T) {
	db := storetest.Open(t)
	w := newWriter(t, db, nil)
	ctx := context.Background()
	for _, ev := range []Event{
		{OrgID: 1, Actor: Actor{Type: "user", ID: "1"}, Action: "auth.login.success", Target: Target{Type: "user", ID: "1"}},
		{OrgID: 1, Actor: Actor{Type: "user", ID: "2"}, Action: "auth.login.failure", Target: Target{Type: "user", ID: "2"}},
		{OrgID: 1, Actor: Actor{Type: "api_key", ID: "9"}, Action: "generate", Target: Target{Type: "request", ID: "r1"}},
		{OrgID: 2, Actor: Actor{Type: "user", ID: "1"}, Action: "auth.logout"},
	} {
		if _, err := w.Append(ctx, ev); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		org  int64
		f    Filter
		want []int64
	}{
		{"all of org 1", 1, Filter{}, []int64{1, 2, 3}},
		{"after", 1, Filter{AfterSeq: 1, Limit: 1}, []int64{2}},
		{"action prefix", 1, Filter{Action: "auth."}, []int64{1, 2}},
		{"exact action", 1, Filter{Action: "generate"}, []int64{3}},
		{"actor", 1, Filter{ActorType: "user", ActorID: "2"}, []int64{2}},
		{"target", 1, Filter{TargetType: "request", TargetID: "r1"}, []int64{3}},
		{"time window excludes all", 1, Filter{To: time.Unix(0, 0)}, nil},
		{"other org", 2, Filter{}, []int64{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := List(ctx, db, tt.org, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, r := range recs {
				got = append(got, r.Seq)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("seqs (-want +got):\n%s", diff)
			}
		})
	}
}

func BenchmarkAppendParallel(b *testing.B) {
	db := storetest.Open(b)
	w := newWriter(b, db, nil)
	b.SetParallelism(32) // 64 callers on 2 cores
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			_, err := w.Append(context.Background(), Event{OrgID: 1, Action: "generate",
				Actor: Actor{Type: "api_key", ID: "1"}, Details: map[string]string{"tf_sha256": "ab12"}})
			if err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.StopTimer()
	events, batches := w.Stats()
	b.ReportMetric(float64(events)/float64(max(batches, 1)), "events/tx")
}

// TestTwoWritersShareChains runs two writers on two handles of one
// database, as two replicas do: they race for sequence numbers, the loser
// retries on the new head, and the chains stay gap-free and valid.
func TestTwoWritersShareChains(t *testing.T) {
	db := storetest.Open(t)
	replica := storetest.Replica(t, db)
	writers := []*Writer{newWriter(t, db, nil), newWriter(t, replica, nil)}
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func(w *Writer) {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				if _, err := w.Append(context.Background(), Event{OrgID: int64(j % 2), Action: "generate"}); err != nil {
					t.Error(err)
					return
				}
			}
		}(writers[i%2])
	}
	wg.Wait()
	ctx := context.Background()
	for _, w := range writers {
		if err := w.Close(ctx); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := Verify(ctx, db, testKey.Public().(ed25519.PublicKey), AllChains)
	if err != nil || !rep.OK() || rep.Events != 160 {
		t.Fatalf("Verify = %+v, %v; problem %v", rep, err, rep.Problem)
	}
}

// TestCheckpointCoversOtherReplicas: a replica that appended nothing still
// checkpoints the chains another replica moved.
func TestCheckpointCoversOtherReplicas(t *testing.T) {
	db := storetest.Open(t)
	a := newWriter(t, db, nil)
	b := newWriter(t, storetest.Replica(t, db), nil)
	appendN(t, a, 7, 3)
	ctx := context.Background()
	if err := b.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	c, err := db.LatestAuditCheckpoint(ctx, 7)
	if err != nil || c.Seq != 3 {
		t.Fatalf("checkpoint of chain 7 = %+v, %v; want seq 3", c, err)
	}
	if err := a.Checkpoint(ctx); err != nil { // nothing moved since: no new checkpoint for 7
		t.Fatal(err)
	}
	if again, _ := db.LatestAuditCheckpoint(ctx, 7); again.ID != c.ID {
		t.Errorf("unchanged chain 7 was checkpointed again (%d after %d)", again.ID, c.ID)
	}
}

// BenchmarkVerify measures checking a chain; one op verifies 10 000
// events.
func BenchmarkVerify(b *testing.B) {
	db := storetest.Open(b)
	w := newWriter(b, db, nil)
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); appendN(b, w, 1, 200) }()
	}
	wg.Wait()
	ctx := context.Background()
	if err := w.Close(ctx); err != nil {
		b.Fatal(err)
	}
	pub := testKey.Public().(ed25519.PublicKey)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rep, err := Verify(ctx, db, pub, 1)
		if err != nil || !rep.OK() || rep.Events != 10000 {
			b.Fatalf("Verify = %+v, %v", rep, err)
		}
	}
	b.ReportMetric(float64(b.N*10000)/b.Elapsed().Seconds(), "events/s")
}
