package run

import (
	"context"
	"errors"
	"fmt"

	"github.com/syncloud/syncloud/internal/store"
)

// Why a worker stopped Terraform before it finished. Terraform then got an
// interrupt, stopped cleanly and pushed the state it had to the backend.
var (
	// ErrCancelled means the worker itself was stopped (SIGTERM to
	// `syncloud serve`).
	ErrCancelled = errors.New("cancelled")
	// ErrTimedOut means the run took longer than the worker's Timeout.
	ErrTimedOut = errors.New("timed out")

	errLeaseLost = errors.New("the run's lease was lost (another worker or the reaper took it over)")
)

// interrupted is what the run's error adds about Terraform's clean stop.
const interrupted = "Terraform was interrupted and saved the state it had"

// explain turns the error of a plan or apply that ctx stopped into the
// reason it was stopped, keeping the cause's text: tfexec reports only
// "exit status 1" for an interrupted Terraform, whose own output is in the
// run log.
func (w *Worker) explain(ctx context.Context, r *store.Run, err error) error {
	if ctx.Err() == nil {
		return err
	}
	cause := context.Cause(ctx)
	switch {
	case errors.Is(cause, ErrTimedOut):
		return fmt.Errorf("%s of run %d %w after %s (the worker's run timeout); %s: %v", step(r), r.ID, ErrTimedOut, w.timeout(), interrupted, err)
	case errors.Is(cause, errLeaseLost):
		return fmt.Errorf("%s of run %d stopped: %w; %s: %v", step(r), r.ID, cause, interrupted, err)
	}
	return fmt.Errorf("%s of run %d %w: the worker was stopped; %s: %v", step(r), r.ID, ErrCancelled, interrupted, err)
}

// step names what a claimed run is doing.
func step(r *store.Run) string {
	if Status(r.Status) == Planning {
		return "plan"
	}
	return "apply"
}
