package agent

import (
	"context"
	"errors"
	"log/slog"
	"time"
)

// Daemon is `syncloud-agent serve`: it pulls queued runs of agent-mode
// workspaces over outbound HTTPS, one at a time, and executes them here.
// Plans are uploaded for approval on the platform; approved runs are
// applied when they come back.
type Daemon struct {
	Exec *Executor
	View *View
	Log  *slog.Logger
	// Wait is how long one claim request waits on the platform for work
	// (at most 30s).
	Wait time.Duration
	// Retry is the pause after a failed claim.
	Retry time.Duration
}

// Run serves until ctx is cancelled (SIGTERM): the run in progress then
// gets Terraform's clean stop and is reported errored with its state kept.
func (d *Daemon) Run(ctx context.Context) error {
	stop := d.Exec.keepAlive(ctx, 0, 0)
	defer stop()
	for ctx.Err() == nil {
		j, err := d.Exec.Client.Claim(ctx, 0, d.Wait)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			d.Log.Warn("claim failed", slog.Any("error", err))
			sleep(ctx, d.Retry)
			continue
		}
		if j == nil {
			continue
		}
		d.execute(ctx, j)
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		return nil
	}
	return ctx.Err()
}

// execute runs one job and logs its outcome; failures are already on the
// run.
func (d *Daemon) execute(ctx context.Context, j *Job) {
	kind := "plan"
	if j.Applying() {
		kind = "apply"
	}
	d.Log.Info("run claimed", slog.Int64("run", j.Run.ID), slog.String("step", kind),
		slog.Int64("workspace", j.Run.WorkspaceID), slog.String("operation", j.Run.Operation))
	var onEvent func(Event)
	if j.Applying() {
		onEvent = d.View.Progress
	}
	out, err := d.Exec.Execute(ctx, j, onEvent)
	if err != nil {
		d.Log.Error("run failed", slog.Int64("run", j.Run.ID), slog.String("step", kind), slog.Any("error", err))
		return
	}
	if out.LogErr != nil {
		d.Log.Warn("run log incomplete", slog.Int64("run", j.Run.ID), slog.Any("error", out.LogErr))
	}
	if kind == "plan" {
		d.View.Plan(out.Run, out.Changes)
		return
	}
	d.View.Result(out.Run)
}

func sleep(ctx context.Context, d time.Duration) {
	if d <= 0 {
		d = 5 * time.Second
	}
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}
