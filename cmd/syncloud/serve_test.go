package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/syncloud/syncloud/internal/store"
)

// syncBuffer is a bytes.Buffer safe for a server goroutine to write while
// the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// admin runs `syncloud admin` in-process and returns its standard output.
func admin(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	if code := runAdmin(context.Background(), args, strings.NewReader(stdin), &out, &errOut); code != 0 {
		t.Fatalf("admin %v: exit %d: %s", args, code, errOut.String())
	}
	return out.String()
}

// TestServeDrainsAndFlushesOnShutdown runs the real server on the embedded
// default, serves generate requests, cancels its context as SIGTERM does,
// and checks that it exits 0 with every request in the usage log and the
// audit chain intact.
func TestServeDrainsAndFlushesOnShutdown(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("SYNCLOUD_DATA_DIR", dir)
	t.Setenv("SYNCLOUD_DATABASE_URL", "")
	t.Setenv("SYNCLOUD_REDIS_URL", "")
	admin(t, "a long enough password\n", "create-user", "--email", "op@example.com", "--name", "Op", "--org", "Ops", "--password-stdin")
	key := strings.TrimSpace(admin(t, "", "create-api-key", "--email", "op@example.com", "--org", "Ops", "--name", "k"))

	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	exit := make(chan int, 1)
	go func() { exit <- runServe(ctx, []string{"--addr", "127.0.0.1:0"}, nil, &stdout, &stderr) }()
	addr := waitForAddr(t, &stderr)

	const n = 5
	for i := range n {
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/api/v1/generate",
			strings.NewReader(`{"prompt":"a private S3 bucket for logs"}`))
		req.Header.Set("Authorization", "Bearer "+key)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body map[string]any
		json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("request %d: status %d: %v", i, resp.StatusCode, body)
		}
	}
	cancel()
	select {
	case code := <-exit:
		if code != 0 {
			t.Fatalf("serve exit %d: %s", code, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not shut down")
	}
	checkUsageRows(t, dir, n)
	if out := admin(t, "", "audit", "verify", "--org", "Ops"); !strings.HasPrefix(out, "ok: ") {
		t.Errorf("audit verify: %s", out)
	}
}

var servingAddr = regexp.MustCompile(`"msg":"serving","addr":"([^"]+)"`)

func waitForAddr(t *testing.T, stderr *syncBuffer) string {
	t.Helper()
	for range 200 {
		if m := servingAddr.FindStringSubmatch(stderr.String()); m != nil {
			return m[1]
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("server did not start: %s", stderr.String())
	return ""
}

// checkUsageRows counts the generate requests in the request log, which the
// usage meter only writes on a flush.
func checkUsageRows(t *testing.T, dir string, want int) {
	t.Helper()
	db, err := store.Open(context.Background(), store.Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	org, err := db.OrganizationBySlug(context.Background(), "ops")
	if err != nil {
		t.Fatal(err)
	}
	logs, err := db.RequestLogs(context.Background(), org.ID, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(logs) != want {
		t.Errorf("request log rows after shutdown = %d, want %d", len(logs), want)
	}
}
