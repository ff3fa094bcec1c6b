package usage

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
)

var day1 = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func TestPercentile(t *testing.T) {
	hundred := make([]float64, 100)
	for i := range hundred {
		hundred[i] = float64(i + 1)
	}
	tests := []struct {
		name   string
		sorted []float64
		p      float64
		want   float64
	}{
		{"none", nil, 50, 0},
		{"one", []float64{7}, 99, 7},
		{"two p50", []float64{1, 2}, 50, 1},
		{"two p95", []float64{1, 2}, 95, 2},
		{"hundred p50", hundred, 50, 50},
		{"hundred p95", hundred, 95, 95},
		{"hundred p99", hundred, 99, 99},
	}
	for _, tt := range tests {
		if got := percentile(tt.sorted, tt.p); got != tt.want {
			t.Errorf("%s: percentile = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// fixture makes two organizations; org A has a user with a key.
type fixture struct {
	db          *store.DB
	orgA, orgB  int64
	user, keyID int64
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db := storetest.Open(t)
	ctx := context.Background()
	f := &fixture{db: db}
	for i, email := range []string{"ada@example.com", "bob@example.com"} {
		a := &store.NewAccount{User: store.User{Email: email, Name: email}, Org: store.Organization{Name: email}}
		if err := db.CreateAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			f.orgA, f.user = a.Org.ID, a.User.ID
		} else {
			f.orgB = a.Org.ID
		}
	}
	k := &store.APIKey{CreatedBy: f.user, Name: "ci", Prefix: "sc_x", Hash: []byte("h"), Scopes: []string{"generate"}}
	if err := db.CreateAPIKey(ctx, f.orgA, k); err != nil {
		t.Fatal(err)
	}
	f.keyID = k.ID
	return f
}

func TestQueryGroups(t *testing.T) {
	f := newFixture(t)
	m := New(f.db, Options{FlushInterval: time.Hour})
	ctx := context.Background()
	// Org A: 10 key requests on day 1 (latency 1..10, #10 failed), 2
	// session requests from an agent on day 2. Org B: 1 request.
	for i := 1; i <= 10; i++ {
		m.Record(RequestRecord{OrgID: f.orgA, UserID: f.user, APIKeyID: f.keyID, Route: "POST /api/v1/generate",
			Status: 200, Success: i < 10, LatencyMS: float64(i), CreatedAt: day1.Add(time.Duration(i) * time.Second)})
	}
	agent := &store.Agent{Name: "ada-laptop", OS: "linux", Arch: "amd64", Version: "1.0.0", CreatedBy: f.user, CreatedAt: day1}
	if err := f.db.CreateAgent(ctx, f.orgA, agent); err != nil {
		t.Fatal(err)
	}
	agentID := strconv.FormatInt(agent.ID, 10)
	for i := 0; i < 2; i++ {
		m.Record(RequestRecord{OrgID: f.orgA, UserID: f.user, AgentID: agentID, Route: "GET /api/v1/usage",
			Status: 200, Success: true, LatencyMS: 100, CreatedAt: day1.Add(24 * time.Hour)})
	}
	m.Record(RequestRecord{OrgID: f.orgB, Route: "GET /", Status: 500, LatencyMS: 3, CreatedAt: day1})
	if err := m.Close(ctx); err != nil {
		t.Fatal(err)
	}
	lat := func(p50, p95, p99 float64) Latency { return Latency{p50, p95, p99} }
	all := Totals{Requests: 12, Succeeded: 11, Failed: 1, LatencyMS: lat(6, 100, 100)}
	keyT := Totals{Requests: 10, Succeeded: 9, Failed: 1, LatencyMS: lat(5, 10, 10)}
	twoT := Totals{Requests: 2, Succeeded: 2, LatencyMS: lat(100, 100, 100)}
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	tests := []struct {
		group GroupBy
		want  []Group
	}{
		{GroupNone, []Group{}},
		{GroupKey, []Group{{Key: id(f.keyID), Label: "ci", Totals: keyT}, {Key: "none", Totals: twoT}}},
		{GroupUser, []Group{{Key: id(f.user), Label: "ada@example.com", Totals: all}}},
		{GroupDay, []Group{{Key: "2026-11-26", Totals: keyT}, {Key: "2026-11-27", Totals: twoT}}},
		{GroupAgent, []Group{{Key: "none", Totals: keyT}, {Key: agentID, Label: "ada-laptop", Totals: twoT}}},
	}
	for _, tt := range tests {
		t.Run(string(tt.group), func(t *testing.T) {
			rep, err := Query(ctx, f.db, f.orgA, day1.Add(-time.Hour), day1.Add(48*time.Hour), tt.group)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(&Report{Total: all, Groups: tt.want}, rep); diff != "" {
				t.Errorf("report (-want +got):\n%s", diff)
			}
		})
	}
	rep, err := Query(ctx, f.db, f.orgB, day1.Add(-time.Hour), day1.Add(48*time.Hour), GroupNone)
	if err != nil || rep.Total.Requests != 1 || rep.Total.Failed != 1 {
		t.Errorf("org B report = %+v, %v", rep, err)
	}
	days, err := f.db.UsageDays(ctx, f.orgA, "2026-11-26", "2026-11-27")
	if err != nil || len(days) != 2 || days[0].Requests != 10 || days[0].Failed != 1 || days[1].Requests != 2 {
		t.Errorf("daily counters = %+v, %v", days, err)
	}
}

// TestCloseLosesNone buffers more than one flush's worth and closes at
// once: every record reaches the database.
func TestCloseLosesNone(t *testing.T) {
	f := newFixture(t)
	m := New(f.db, Options{FlushInterval: time.Hour, FlushAt: 1000})
	const n = 5000
	for i := 0; i < n; i++ {
		m.Record(RequestRecord{OrgID: f.orgA, Route: "POST /api/v1/generate", Status: 200, Success: true,
			LatencyMS: 1, CreatedAt: day1})
	}
	ctx := context.Background()
	if err := m.Close(ctx); err != nil {
		t.Fatal(err)
	}
	rep, err := Query(ctx, f.db, f.orgA, day1, day1.Add(time.Second), GroupNone)
	if err != nil || rep.Total.Requests != n {
		t.Fatalf("after Close: %+v, %v; want %d requests", rep, err, n)
	}
	days, err := f.db.UsageDays(ctx, f.orgA, "2026-11-26", "2026-11-26")
	if err != nil || len(days) != 1 || days[0].Requests != n {
		t.Errorf("daily counters = %+v, %v", days, err)
	}
}

// TestFlushFailureKeepsRecords: when the database refuses the batch, the
// records stay buffered for the next flush.
func TestFlushFailureKeepsRecords(t *testing.T) {
	f := newFixture(t)
	m := New(f.db, Options{FlushInterval: time.Hour})
	defer close(m.quit)
	f.db.Close()
	for i := 0; i < 3; i++ {
		m.Record(RequestRecord{OrgID: f.orgA, Route: "GET /", Status: 200, Success: true, CreatedAt: day1})
	}
	if err := m.Flush(context.Background()); err == nil {
		t.Fatal("Flush on a closed database succeeded")
	}
	if got := m.Pending(); got != 3 {
		t.Errorf("Pending after failed flush = %d, want 3", got)
	}
}

func TestPurgePrompts(t *testing.T) {
	f := newFixture(t)
	m := New(f.db, Options{FlushInterval: time.Hour})
	ctx := context.Background()
	p := "an s3 bucket"
	m.Record(RequestRecord{OrgID: f.orgA, Route: "POST /api/v1/generate", Status: 200, Success: true, Prompt: &p,
		CreatedAt: day1.AddDate(0, 0, -31)})
	m.Record(RequestRecord{OrgID: f.orgA, Route: "POST /api/v1/generate", Status: 200, Success: true, Prompt: &p,
		CreatedAt: day1})
	if err := m.Close(ctx); err != nil {
		t.Fatal(err)
	}
	n, err := PurgePrompts(ctx, f.db, day1)
	if err != nil || n != 1 {
		t.Errorf("PurgePrompts = %d, %v; want 1 (default retention 30 days)", n, err)
	}
}

func benchRecord() RequestRecord {
	p := "a bucket"
	return RequestRecord{OrgID: 1, UserID: 1, APIKeyID: 1, Route: "POST /api/v1/generate", Status: 200,
		Success: true, LatencyMS: 3.2, IP: "192.0.2.1", UserAgent: "curl/8", Prompt: &p}
}

// BenchmarkRecord measures what a request pays to be metered: Record
// alone, with no flush during the run.
func BenchmarkRecord(b *testing.B) {
	m := New(storetest.Open(b), Options{FlushInterval: time.Hour, FlushAt: 1 << 30})
	r := benchRecord()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			m.Record(r)
		}
	})
	b.StopTimer()
	if err := m.Close(context.Background()); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkFlush measures writing buffered records: one op is one flush
// of 1000 records (rows and daily counters in one transaction).
func BenchmarkFlush(b *testing.B) {
	m := New(storetest.Open(b), Options{FlushInterval: time.Hour, FlushAt: 1 << 30})
	defer m.Close(context.Background())
	r := benchRecord()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		for j := 0; j < 1000; j++ {
			m.Record(r)
		}
		b.StartTimer()
		if err := m.Flush(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*1000)/b.Elapsed().Seconds(), "rows/s")
}

func TestDaily(t *testing.T) {
	var rows []store.RequestLog
	for i := 0; i < 6; i++ { // orgs 1, 2, 3 alternate over two days
		rows = append(rows, store.RequestLog{OrgID: int64(i%3 + 1), Success: i != 4,
			CreatedAt: day1.Add(time.Duration(i) * 6 * time.Hour)})
	}
	want := []store.UsageDay{
		{OrgID: 1, Day: "2026-11-26", Requests: 1, Succeeded: 1},
		{OrgID: 2, Day: "2026-11-26", Requests: 1, Succeeded: 1},
		{OrgID: 3, Day: "2026-11-27", Requests: 2, Succeeded: 2}, // 00:00 and 18:00
		{OrgID: 1, Day: "2026-11-27", Requests: 1, Succeeded: 1},
		{OrgID: 2, Day: "2026-11-27", Requests: 1, Failed: 1},
	}
	if diff := cmp.Diff(want, daily(rows)); diff != "" {
		t.Errorf("daily (-want +got):\n%s", diff)
	}
	same := []store.RequestLog{{OrgID: 1, CreatedAt: day1}, {OrgID: 1, Success: true, CreatedAt: day1.Add(time.Hour)}}
	if diff := cmp.Diff([]store.UsageDay{{OrgID: 1, Day: "2026-11-26", Requests: 2, Succeeded: 1, Failed: 1}}, daily(same)); diff != "" {
		t.Errorf("daily of one org-day (-want +got):\n%s", diff)
	}
}
