package agent

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrNotConfirmed means the user did not confirm the plan; the run was
// discarded.
var ErrNotConfirmed = errors.New("plan not confirmed; run discarded (answer y, or pass --auto-approve)")

// Flow drives a queued run to its end for the CLI: plan (here when the
// workspace is in agent mode, else on the platform), show the plan,
// confirm, approve, apply, and show the result.
type Flow struct {
	Exec *Executor
	View *View
	// Confirm asks whether to apply the shown plan.
	Confirm func(r *Run, changes []Change) (bool, error)
	// Poll is how often a run executing elsewhere is checked.
	Poll time.Duration
}

// Drive takes the queued run r through plan and, unless planOnly, apply.
// It returns the last state of the run and the plan's changes.
func (f *Flow) Drive(ctx context.Context, r *Run, planOnly bool) (*Run, []Change, error) {
	planned, changes, err := f.plan(ctx, r)
	if err != nil {
		return planned, nil, err
	}
	f.View.Plan(planned, changes)
	if planOnly || !Count(changes).Changes() {
		d, err := f.Exec.Client.Transition(ctx, r.ID, "discard")
		if err == nil && !planOnly {
			f.View.Message("Nothing to apply; run %d discarded.", r.ID)
		}
		return d, changes, err
	}
	ok, err := f.Confirm(planned, changes)
	if err != nil || !ok {
		if _, derr := f.Exec.Client.Transition(ctx, r.ID, "discard"); derr != nil {
			err = errors.Join(err, derr)
		}
		return planned, changes, errors.Join(ErrNotConfirmed, err)
	}
	if _, err := f.Exec.Client.Transition(ctx, r.ID, "approve"); err != nil {
		return planned, changes, err
	}
	final, err := f.apply(ctx, planned)
	if err == nil && final.Status != "applied" {
		err = fmt.Errorf("run %d is %s: %s", final.ID, final.Status, final.Error)
	}
	return final, changes, err
}

// plan makes the run's plan: here when the platform hands the run to
// this agent, else by waiting for whoever plans it.
func (f *Flow) plan(ctx context.Context, r *Run) (*Run, []Change, error) {
	if j, err := f.claim(ctx, r); err != nil || j != nil {
		if err != nil {
			return r, nil, err
		}
		f.View.Message("Planning run %d on this machine...", r.ID)
		out, err := f.Exec.Execute(ctx, j, nil)
		if err != nil {
			return r, nil, err
		}
		f.warnLog(out)
		return out.Run, out.Changes, nil
	}
	f.View.Message("Waiting for run %d to be planned...", r.ID)
	planned, err := f.wait(ctx, r.ID, "planned")
	if err != nil {
		return planned, nil, err
	}
	js, err := f.Exec.Client.PlanJSON(ctx, r.ID)
	if err != nil {
		return planned, nil, err
	}
	changes, err := PlanChanges(js)
	return planned, changes, err
}

// apply applies the approved run here, or waits for it elsewhere.
func (f *Flow) apply(ctx context.Context, r *Run) (*Run, error) {
	j, err := f.claim(ctx, r)
	if err != nil {
		return r, err
	}
	if j == nil {
		f.View.Message("Waiting for run %d to be applied...", r.ID)
		return f.wait(ctx, r.ID, "")
	}
	f.View.Message("Applying run %d on this machine:", r.ID)
	out, err := f.Exec.Execute(ctx, j, f.View.Progress)
	if out != nil && out.Run != nil {
		f.warnLog(out)
		f.View.Result(out.Run)
		return out.Run, err
	}
	return r, err
}

// claim takes an agent-mode run for this agent; (nil, nil) when the run
// executes on the platform or another agent took it.
func (f *Flow) claim(ctx context.Context, r *Run) (*Job, error) {
	if r.ExecutionMode != "agent" {
		return nil, nil
	}
	return f.Exec.Client.Claim(ctx, r.ID, 0)
}

// wait polls the run until it reaches status (or, with "", any final
// status); a final status other than the wanted one is an error.
func (f *Flow) wait(ctx context.Context, runID int64, status string) (*Run, error) {
	poll := f.Poll
	if poll <= 0 {
		poll = time.Second
	}
	for {
		r, err := f.Exec.Client.Run(ctx, runID)
		if err != nil {
			return nil, err
		}
		if r.Status == status || (status == "" && r.Final()) {
			return r, nil
		}
		if r.Final() {
			return r, fmt.Errorf("run %d is %s: %s", r.ID, r.Status, r.Error)
		}
		select {
		case <-ctx.Done():
			return r, ctx.Err()
		case <-time.After(poll):
		}
	}
}

// warnLog says when the run log on the platform is incomplete.
func (f *Flow) warnLog(out *Outcome) {
	if out.LogErr != nil {
		f.View.Message("Warning: the run log on the platform is incomplete: %v", out.LogErr)
	}
}
