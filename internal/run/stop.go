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
	ErrCancelled = errors.New("cancelled: the worker was stopped while Terraform ran; Terraform was interrupted and saved the state it had")
	// ErrTimedOut means the run took longer than the worker's Timeout.
	ErrTimedOut = errors.New("timed out: Terraform was interrupted and saved the state it had")

	errLeaseLost = errors.New("the run's lease was lost (another worker or the reaper took it over); Terraform was interrupted")
)

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
		return fmt.Errorf("%s of run %d %w after %s (the worker's run timeout); %v", step(r), r.ID, ErrTimedOut, w.timeout(), err)
	case errors.Is(cause, errLeaseLost):
		return fmt.Errorf("%s of run %d stopped: %w", step(r), r.ID, cause)
	}
	return fmt.Errorf("%s of run %d %w; %v", step(r), r.ID, ErrCancelled, err)
}

// step names what a claimed run is doing.
func step(r *store.Run) string {
	if Status(r.Status) == Planning {
		return "plan"
	}
	return "apply"
}
