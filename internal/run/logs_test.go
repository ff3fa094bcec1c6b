package run

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestLogWriterBatches stores a burst of lines as one chunk, and complete
// lines without Close once the flush delay has passed.
func TestLogWriterBatches(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r, err := f.svc.Queue(ctx, f.p, f.ws.ID, OpApply)
	if err != nil {
		t.Fatal(err)
	}
	chunks := func() []string {
		logs, err := f.svc.DB.RunLogs(ctx, f.p.OrgID, r.ID, 0, 1000)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, l := range logs {
			out = append(out, l.Text)
		}
		return out
	}

	w := NewLogWriter(f.svc.DB, f.p.OrgID, r.ID)
	w.delay = time.Hour // only Close stores
	var want strings.Builder
	for i := range 100 {
		fmt.Fprintf(w, "line %d\n", i)
		fmt.Fprintf(&want, "line %d\n", i)
	}
	w.Write([]byte("no newline yet"))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got := chunks()
	if len(got) != 1 || got[0] != want.String()+"no newline yet" {
		t.Fatalf("stored %d chunks %q, want the burst as one", len(got), got)
	}

	w = NewLogWriter(f.svc.DB, f.p.OrgID, r.ID)
	defer w.Close()
	w.Line("SynCloud: a line")
	w.Write([]byte("partial"))
	for deadline := time.Now().Add(10 * time.Second); len(chunks()) < 2; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("a complete line was not stored without Close")
		}
	}
	if got := chunks(); got[1] != "SynCloud: a line\n" {
		t.Errorf("stored %q, want the complete line only", got[1])
	}
}
