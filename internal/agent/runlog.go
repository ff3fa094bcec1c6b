package agent

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// RunLog is an io.Writer that ships a run's output to the platform's run
// log in batches, so that the browser sees an agent's run live.
type RunLog struct {
	client *Client
	runID  int64
	mu     sync.Mutex
	buf    []byte
	stop   chan struct{}
	done   chan struct{}
}

// maxLogBatch bounds one upload (the platform takes up to 1 MiB).
const maxLogBatch = 512 << 10

// NewRunLog starts shipping output of runID every interval until Close.
func NewRunLog(c *Client, runID int64, interval time.Duration) *RunLog {
	l := &RunLog{client: c, runID: runID, stop: make(chan struct{}), done: make(chan struct{})}
	go l.loop(interval)
	return l
}

// Write implements io.Writer; it never blocks on the network.
func (l *RunLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	l.buf = append(l.buf, p...)
	l.mu.Unlock()
	return len(p), nil
}

func (l *RunLog) loop(interval time.Duration) {
	defer close(l.done)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-t.C:
			l.flush()
		}
	}
}

// flush sends what was written; a failed upload keeps the text for the
// next try.
func (l *RunLog) flush() error {
	l.mu.Lock()
	n := min(len(l.buf), maxLogBatch)
	text := string(l.buf[:n])
	l.mu.Unlock()
	if n == 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := l.client.AppendLog(ctx, l.runID, text); err != nil {
		return err
	}
	l.mu.Lock()
	l.buf = l.buf[n:]
	l.mu.Unlock()
	return nil
}

// Close stops shipping and sends the rest of the output; an error means
// some of it did not reach the platform.
func (l *RunLog) Close() error {
	close(l.stop)
	<-l.done
	for l.pending() {
		if err := l.flush(); err != nil {
			return fmt.Errorf("ship log of run %d: %w", l.runID, err)
		}
	}
	return nil
}

func (l *RunLog) pending() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buf) > 0
}
