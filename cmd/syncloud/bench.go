package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/syncloud/syncloud/internal/loadtest"
)

const benchUsage = `usage: syncloud bench [flags]

The API load benchmark: starts "syncloud serve" on a fresh data directory
(SQLite, or --database-url/--redis-url), creates a user and an API key with
the admin commands, posts /api/v1/generate from --concurrency clients for
--duration, then checks that the usage totals and the generate audit events
equal the requests served and that "syncloud admin audit verify" passes.
With --kill-after the server is killed with SIGKILL that long into the load
and restarted; every acknowledged (2xx) request must then have its audit
event and the chain must verify.

exit codes: 0 all checks and targets met, 1 a check failed or the run broke,
2 bad flags, 3 the checks passed but a performance target was missed
`

// benchArgs are the flags of syncloud bench.
type benchArgs struct {
	Concurrency int
	Duration    time.Duration
	KillAfter   time.Duration
	DatabaseURL string
	RedisURL    string
	DataDir     string
	Prompt      string
	MinRate     float64
	MaxP99      time.Duration
	JSON        bool
}

func parseBenchArgs(args []string, stderr io.Writer) (*benchArgs, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, benchUsage); fs.PrintDefaults() }
	a := &benchArgs{}
	fs.IntVar(&a.Concurrency, "concurrency", 64, "concurrent clients")
	fs.DurationVar(&a.Duration, "duration", 30*time.Second, "how long to post")
	fs.DurationVar(&a.KillAfter, "kill-after", 0, "SIGKILL the server this long into the load, then restart and check (0 = no crash)")
	fs.StringVar(&a.DatabaseURL, "database-url", os.Getenv("SYNCLOUD_DATABASE_URL"), "PostgreSQL URL; empty = SQLite")
	fs.StringVar(&a.RedisURL, "redis-url", os.Getenv("SYNCLOUD_REDIS_URL"), "Redis URL")
	fs.StringVar(&a.DataDir, "data-dir", "", "data directory (default: a new temporary one)")
	fs.StringVar(&a.Prompt, "prompt", "a private S3 bucket for logs with versioning in eu-west-1", "the prompt every request posts")
	fs.Float64Var(&a.MinRate, "min-rate", 2000, "target: requests per second")
	fs.DurationVar(&a.MaxP99, "max-p99", 50*time.Millisecond, "target: 99th percentile latency")
	fs.BoolVar(&a.JSON, "json", false, "print the report as JSON")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if a.Concurrency < 1 || a.Duration <= 0 || a.KillAfter < 0 || a.KillAfter >= a.Duration {
		return nil, fmt.Errorf("need --concurrency >= 1, --duration > 0 and 0 <= --kill-after < --duration")
	}
	return a, nil
}

// benchReport is what a run found; printed for people or as JSON.
type benchReport struct {
	Database      string   `json:"database"`
	Redis         bool     `json:"redis"`
	Requests      int      `json:"requests"`
	OK            int      `json:"ok"`
	Non2xx        int      `json:"non_2xx"`
	TransportErrs int      `json:"transport_errors"`
	Rate          float64  `json:"requests_per_second"`
	LatencyMS     latency  `json:"latency_ms"`
	UsageTotal    int      `json:"usage_total_requests"`
	AuditGenerate int      `json:"audit_generate_events"`
	Killed        bool     `json:"killed"`
	Unaudited     int      `json:"acknowledged_without_audit_event"`
	Verify        string   `json:"audit_verify"`
	Failures      []string `json:"failures"`
	Missed        []string `json:"targets_missed"`
}

type latency struct {
	P50 float64 `json:"p50"`
	P95 float64 `json:"p95"`
	P99 float64 `json:"p99"`
}

func runBench(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	a, err := parseBenchArgs(args, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "syncloud bench: %v\n", err)
		return 2
	}
	rep, err := bench(ctx, a, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "syncloud bench: %v\n", err)
		return 1
	}
	rep.print(stdout, a.JSON)
	switch {
	case len(rep.Failures) > 0:
		return 1
	case len(rep.Missed) > 0:
		return 3
	}
	return 0
}

// bench runs the whole benchmark: set up, load (and crash), check.
func bench(ctx context.Context, a *benchArgs, log io.Writer) (*benchReport, error) {
	h, err := newBenchHarness(a, log)
	if err != nil {
		return nil, err
	}
	defer h.cleanup()
	if err := h.setUp(ctx); err != nil {
		return nil, err
	}
	res, err := h.load(ctx)
	if err != nil {
		return nil, err
	}
	rep := newReport(a, res)
	if err := h.check(ctx, res, rep); err != nil {
		return nil, err
	}
	return rep, nil
}

func newReport(a *benchArgs, res *loadtest.Result) *benchReport {
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	rep := &benchReport{
		Database: "sqlite", Redis: a.RedisURL != "", Killed: a.KillAfter > 0,
		Requests: res.Requests, OK: res.OK, Non2xx: res.Requests - res.OK, TransportErrs: res.Errors,
		Rate:      res.Rate(),
		LatencyMS: latency{ms(res.Percentile(50)), ms(res.Percentile(95)), ms(res.Percentile(99))},
		Failures:  []string{}, Missed: []string{},
	}
	if a.DatabaseURL != "" {
		rep.Database = "postgres"
	}
	if a.KillAfter == 0 {
		if rep.Rate < a.MinRate {
			rep.Missed = append(rep.Missed, fmt.Sprintf("rate %.0f req/s < %.0f", rep.Rate, a.MinRate))
		}
		if p99 := res.Percentile(99); p99 > a.MaxP99 {
			rep.Missed = append(rep.Missed, fmt.Sprintf("p99 %s > %s", p99, a.MaxP99))
		}
		if rep.Non2xx > 0 || rep.TransportErrs > 0 {
			rep.Failures = append(rep.Failures, fmt.Sprintf("%d non-2xx answers %v, %d transport errors (first: %s)", rep.Non2xx, res.Statuses, res.Errors, res.FirstError))
		}
	}
	return rep
}

func (r *benchReport) print(w io.Writer, asJSON bool) {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.Encode(r)
		return
	}
	fmt.Fprintf(w, "database %s, redis %t, killed %t\n", r.Database, r.Redis, r.Killed)
	fmt.Fprintf(w, "requests %d (2xx %d, non-2xx %d, transport errors %d) at %.0f req/s\n", r.Requests, r.OK, r.Non2xx, r.TransportErrs, r.Rate)
	fmt.Fprintf(w, "latency ms p50 %.2f p95 %.2f p99 %.2f\n", r.LatencyMS.P50, r.LatencyMS.P95, r.LatencyMS.P99)
	fmt.Fprintf(w, "usage total requests %d, generate audit events %d, acknowledged without audit event %d\n", r.UsageTotal, r.AuditGenerate, r.Unaudited)
	fmt.Fprintf(w, "audit verify: %s\n", r.Verify)
	for _, f := range r.Failures {
		fmt.Fprintf(w, "FAIL: %s\n", f)
	}
	for _, m := range r.Missed {
		fmt.Fprintf(w, "MISSED TARGET: %s\n", m)
	}
	if len(r.Failures) == 0 && len(r.Missed) == 0 {
		fmt.Fprintln(w, "PASS")
	}
}

// sharedKeys are fresh keys for a PostgreSQL run, which refuses to
// generate them itself, for those the environment does not set: the audit
// signing key (an Ed25519 seed) and the state encryption key, both base64.
func sharedKeys() []string {
	var env []string
	for _, name := range []string{"SYNCLOUD_AUDIT_SIGNING_KEY", "SYNCLOUD_STATE_KEY"} {
		if os.Getenv(name) != "" || os.Getenv(name+"_FILE") != "" {
			continue
		}
		key := make([]byte, 32)
		rand.Read(key)
		env = append(env, name+"="+base64.StdEncoding.EncodeToString(key))
	}
	return env
}
