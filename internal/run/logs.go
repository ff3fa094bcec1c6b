package run

import (
	"bytes"
	"context"
	"sync"
	"time"

	"github.com/syncloud/syncloud/internal/store"
)

// LogWriter keeps a run's Terraform output in run_logs as it is written,
// so that readers can follow it live from any replica. Complete lines are
// stored in batches, at most flushDelay after they were written (at once
// past maxBuf): Terraform writes a line at a time, and a row per line
// cost a plan about as much time as its own `terraform init`. A failed
// write is remembered and reported by Close; output is never allowed to
// stop Terraform.
type LogWriter struct {
	db     *store.DB
	orgID  int64
	runID  int64
	mu     sync.Mutex
	buf    bytes.Buffer
	err    error
	maxBuf int
	delay  time.Duration
	timer  *time.Timer // armed while complete lines wait
}

// flushDelay is how long a complete line may wait to be stored.
const flushDelay = 200 * time.Millisecond

// NewLogWriter returns a writer for one run's output.
func NewLogWriter(db *store.DB, orgID, runID int64) *LogWriter {
	return &LogWriter{db: db, orgID: orgID, runID: runID, maxBuf: 64 << 10, delay: flushDelay}
}

// Write buffers p; its complete lines are stored within the flush delay.
func (w *LogWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	switch {
	case w.buf.Len() > w.maxBuf:
		w.flush(w.buf.Len())
	case w.timer == nil && bytes.IndexByte(w.buf.Bytes(), '\n') >= 0:
		w.timer = time.AfterFunc(w.delay, w.flushLines)
	}
	return len(p), nil
}

// Line stores a line of the platform's own (not Terraform's) output.
func (w *LogWriter) Line(s string) {
	w.Write([]byte(s + "\n"))
}

// flushLines stores the complete lines waiting (the timer's work).
func (w *LogWriter) flushLines() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.timer = nil
	if i := bytes.LastIndexByte(w.buf.Bytes(), '\n'); i >= 0 {
		w.flush(i + 1)
	}
}

func (w *LogWriter) flush(n int) {
	chunk := string(w.buf.Next(n))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := w.db.AppendRunLog(ctx, w.orgID, w.runID, chunk, time.Now()); err != nil && w.err == nil {
		w.err = err
	}
}

// Close stores what is left and reports the first failed write.
func (w *LogWriter) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.timer != nil {
		w.timer.Stop()
		w.timer = nil
	}
	if w.buf.Len() > 0 {
		w.flush(w.buf.Len())
	}
	return w.err
}
