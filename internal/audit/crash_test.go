package audit

import (
	"bufio"
	"context"
	"crypto/ed25519"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
)

// The crash child appends events from many goroutines and prints "ack
// ORG SEQ" after each Append returns, until it is killed.
const (
	envCrashDir = "SYNCLOUD_AUDIT_CRASH_DATA_DIR"
	envCrashURL = "SYNCLOUD_AUDIT_CRASH_DATABASE_URL"
)

func TestCrashChild(t *testing.T) {
	dir, url := os.Getenv(envCrashDir), os.Getenv(envCrashURL)
	if dir == "" && url == "" {
		t.Skip("helper process for TestAcknowledgedEventsSurviveKill")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, store.Config{DataDir: dir, DatabaseURL: url})
	if err != nil {
		t.Fatal(err)
	}
	w, err := NewWriter(db, Options{SigningKey: testKey})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := 0; i < 32; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for {
				rec, err := w.Append(ctx, Event{OrgID: int64(i % 4), Action: "generate"})
				if err != nil {
					return
				}
				mu.Lock()
				fmt.Fprintf(os.Stdout, "ack %d %d\n", rec.OrgID, rec.Seq) // unbuffered
				mu.Unlock()
			}
		}(i)
	}
	wg.Wait()
}

// TestAcknowledgedEventsSurviveKill kills (SIGKILL) a process in the
// middle of appending: every event it acknowledged is in the database
// afterwards, and the chains verify and keep growing.
func TestAcknowledgedEventsSurviveKill(t *testing.T) {
	db := storetest.Open(t)
	cfg := db.Config()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
	cmd.Env = append(os.Environ(), envCrashDir+"="+cfg.DataDir, envCrashURL+"="+cfg.DatabaseURL)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acked := map[int64]int64{} // chain -> highest acknowledged seq
	lines := bufio.NewScanner(out)
	for n := 0; n < 2000 && lines.Scan(); {
		var org, seq int64
		if _, err := fmt.Sscanf(lines.Text(), "ack %d %d", &org, &seq); err == nil {
			acked[org] = max(acked[org], seq)
			n++
		}
	}
	cmd.Process.Kill()
	cmd.Wait()
	if len(acked) == 0 {
		t.Fatal("the child acknowledged nothing")
	}
	ctx := context.Background()
	for org, seq := range acked {
		head, err := db.AuditHead(ctx, org)
		if err != nil || head.Seq < seq {
			t.Errorf("chain %d: head after kill = %v, %v; an acknowledged event (seq %d) was lost", org, head, err, seq)
		}
	}
	pub := testKey.Public().(ed25519.PublicKey)
	rep, err := Verify(ctx, db, pub, AllChains)
	if err != nil || !rep.OK() {
		t.Fatalf("Verify after kill = %+v, %v", rep, err)
	}
	w := newWriter(t, db, nil)
	appendN(t, w, 1, 3)
	if err := w.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if rep, err := Verify(ctx, db, pub, AllChains); err != nil || !rep.OK() {
		t.Fatalf("Verify after restart = %+v, %v", rep, err)
	}
	t.Logf("acknowledged heads at kill: %s; %d events stored at kill", strings.TrimSpace(fmt.Sprint(acked)), rep.Events)
}
