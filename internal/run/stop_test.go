package run

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/syncloud/syncloud/internal/store"
)

// TestExplain names why Terraform was stopped, keeping its error.
func TestExplain(t *testing.T) {
	exit := errors.New("terraform apply: exit status 1")
	w := &Worker{Timeout: 90 * time.Second}
	applying := &store.Run{ID: 7, Status: string(Applying)}
	tests := []struct {
		name   string
		ctx    func() context.Context
		is     error
		phrase string
	}{
		{"running", func() context.Context { return context.Background() }, exit, "terraform apply: exit status 1"},
		{"timed out", func() context.Context {
			ctx, cancel := context.WithTimeoutCause(context.Background(), time.Nanosecond, ErrTimedOut)
			t.Cleanup(cancel)
			<-ctx.Done()
			return ctx
		}, ErrTimedOut, "apply of run 7 timed out after 1m30s (the worker's run timeout); Terraform was interrupted"},
		{"worker stopped", func() context.Context {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx
		}, ErrCancelled, "apply of run 7 cancelled: the worker was stopped"},
		{"lease lost", func() context.Context {
			ctx, cancel := context.WithCancelCause(context.Background())
			cancel(errLeaseLost)
			return ctx
		}, errLeaseLost, "apply of run 7 stopped: the run's lease was lost"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := w.explain(tt.ctx(), applying, exit)
			if !errors.Is(err, tt.is) || !strings.Contains(err.Error(), tt.phrase) || !strings.Contains(err.Error(), exit.Error()) {
				t.Errorf("explain = %q, want %v with %q and the cause", err, tt.is, tt.phrase)
			}
		})
	}
}
