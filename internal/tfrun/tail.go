package tfrun

import (
	"context"
	"fmt"
	"strings"
	"sync"
)

// stderrTail is how much of Terraform's stderr a run's error keeps.
const stderrTail = 4 << 10

// tail keeps the last bytes written to it: the end of Terraform's
// diagnostics, for the run's error when tfexec reports no more than an
// exit status (it does so for a Terraform the context interrupted).
type tail struct {
	mu  sync.Mutex
	b   []byte
	max int
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if over := len(t.b) - t.max; over > 0 {
		t.b = append(t.b[:0], t.b[over:]...)
	}
	return len(p), nil
}

// explain adds Terraform's last diagnostics to the error of a command
// that ctx stopped; other errors already carry them.
func (t *tail) explain(ctx context.Context, err error) error {
	if ctx.Err() == nil {
		return err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	msg := strings.TrimSpace(string(t.b))
	if i := strings.Index(msg, "Error: "); i >= 0 {
		msg = msg[i:]
	}
	if msg == "" {
		return err
	}
	return fmt.Errorf("%w\n%s", err, msg)
}
