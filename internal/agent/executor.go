package agent

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/syncloud/syncloud/internal/tfrun"
)

// Executor runs claimed jobs on this machine: it plans or applies with
// the local Terraform, keeps the run's lease alive with heartbeats, ships
// the output to the run log and reports the outcome to the platform.
type Executor struct {
	Client    *Client
	Terraform *tfrun.Terraform
	// Heartbeat is how often the run's lease is renewed while Terraform
	// works (the platform's lease is a few minutes).
	Heartbeat time.Duration
	// Log also receives Terraform's output, e.g. for --verbose; may be nil.
	Log io.Writer
}

// ErrCancelled is the error of a run the agent stopped (SIGTERM, Ctrl-C)
// while Terraform worked.
var ErrCancelled = errors.New("cancelled")

// Outcome is what executing a job produced.
type Outcome struct {
	Run     *Run
	Changes []Change // of a plan
	// LogErr is set when some of Terraform's output did not reach the
	// platform's run log (the run itself went through).
	LogErr error
}

// Execute plans or applies a claimed job. onEvent sees apply progress
// events; it may be nil. The output is shipped to the run log before the
// outcome is reported, since the platform takes a run's log only while
// the agent holds it. Any failure is also reported to the platform as the
// run's error, with a fresh context when ctx was cancelled.
func (e *Executor) Execute(ctx context.Context, j *Job, onEvent func(Event)) (*Outcome, error) {
	rl := NewRunLog(e.Client, j.Run.ID, time.Second)
	log := io.Writer(rl)
	if e.Log != nil {
		log = io.MultiWriter(rl, e.Log)
	}
	plan, err := e.terraform(ctx, j, log, onEvent)
	if err != nil && ctx.Err() != nil {
		err = fmt.Errorf("%w: the agent was stopped; Terraform was interrupted and saved the state it had: %w", ErrCancelled, err)
	}
	lerr := rl.Close()
	var out *Outcome
	if err == nil {
		out, err = e.report(ctx, j, plan)
	}
	if err != nil {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		r, rerr := e.Client.Report(rctx, j.Run.ID, "errored", err.Error())
		if rerr == nil {
			out = &Outcome{Run: r}
		}
		err = errors.Join(err, rerr)
	}
	if out != nil {
		out.LogErr = lerr
	}
	return out, err
}

// terraform makes the job's plan, or applies its approved plan (nil Plan).
func (e *Executor) terraform(ctx context.Context, j *Job, log io.Writer, onEvent func(Event)) (*tfrun.PlanResult, error) {
	stop := e.keepAlive(ctx, j.Run.ID, time.Duration(j.LeaseSeconds*float64(time.Second)))
	defer stop()
	if !j.Applying() {
		return plan(ctx, e.Terraform, j, log)
	}
	ew := &EventWriter{On: onEvent, Log: log}
	err := apply(ctx, e.Terraform, j, log, ew)
	ew.Flush()
	return nil, err
}

// report uploads a plan, or reports a successful apply.
func (e *Executor) report(ctx context.Context, j *Job, p *tfrun.PlanResult) (*Outcome, error) {
	if p == nil {
		r, err := e.Client.Report(ctx, j.Run.ID, "applied", "")
		if err != nil {
			return nil, err
		}
		return &Outcome{Run: r}, nil
	}
	changes, err := PlanChanges(p.JSON)
	if err != nil {
		return nil, err
	}
	r, err := e.Client.UploadPlan(ctx, j.Run.ID, p.JSON, p.File)
	if err != nil {
		return nil, err
	}
	return &Outcome{Run: r, Changes: changes}, nil
}

// keepAlive renews the run's lease (runID 0: the agent's presence) until
// the returned stop is called: every Heartbeat, and at least three times
// per lease when the platform gave one.
func (e *Executor) keepAlive(ctx context.Context, runID int64, lease time.Duration) (stop func()) {
	every := e.Heartbeat
	if every <= 0 {
		every = 30 * time.Second
	}
	if lease > 0 && lease/3 < every {
		every = max(lease/3, 100*time.Millisecond)
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				e.Client.Heartbeat(ctx, runID) // a missed beat is retried on the next tick
			}
		}
	}()
	return func() { close(done); <-finished }
}

// Claim takes the run runID for this agent and fails when the platform has
// nothing to hand out (the run is not queued for an agent).
func (e *Executor) Claim(ctx context.Context, runID int64) (*Job, error) {
	j, err := e.Client.Claim(ctx, runID, 0)
	if err != nil {
		return nil, err
	}
	if j == nil {
		return nil, fmt.Errorf("run %d is not waiting for an agent", runID)
	}
	return j, nil
}
