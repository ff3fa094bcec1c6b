package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"
	"testing"
	"time"
)

// benchChildEnv makes the test binary act as the syncloud command, so that
// the benchmark harness (which runs its own executable as `syncloud serve`
// and `syncloud admin`) can be tested without building the binary.
const benchChildEnv = "SYNCLOUD_TEST_AS_SYNCLOUD"

func TestMain(m *testing.M) {
	if os.Getenv(benchChildEnv) == "1" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// TestBenchCountsAndCrash runs the load benchmark twice on a small scale:
// a clean run, where usage totals and generate audit events must equal the
// requests served, and a run whose server is killed with SIGKILL mid-load,
// after which every acknowledged request must have its audit event and the
// chain must verify. Throughput targets are not checked here.
func TestBenchCountsAndCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("starts servers and loads them for seconds")
	}
	t.Setenv(benchChildEnv, "1")
	t.Setenv("SYNCLOUD_DATABASE_URL", "")
	t.Setenv("SYNCLOUD_REDIS_URL", "")
	for _, kill := range []time.Duration{0, 1500 * time.Millisecond} {
		a := &benchArgs{Concurrency: 8, Duration: 3 * time.Second, KillAfter: kill, DataDir: t.TempDir(),
			Prompt: "a private S3 bucket for logs", MaxP99: time.Hour}
		rep, err := bench(context.Background(), a, io.Discard)
		if err != nil {
			t.Fatalf("kill after %v: %v", kill, err)
		}
		if len(rep.Failures) > 0 || rep.OK == 0 || rep.Unaudited != 0 || rep.Killed != (kill > 0) {
			t.Errorf("kill after %v: %+v", kill, rep)
		}
		if kill > 0 && rep.TransportErrs == 0 {
			t.Errorf("kill after %v: the load saw no failed requests, so the server was not killed", kill)
		}
	}
}
