package main

import (
	"context"
	"io"
	"log/slog"
	"runtime"
	"time"

	"github.com/syncloud/syncloud/internal/agent"
)

// stopGrace is how long Terraform gets to stop cleanly and write its
// state after SIGTERM or Ctrl-C before it is killed.
const stopGrace = 2 * time.Minute

func goos() string   { return runtime.GOOS }
func goarch() string { return runtime.GOARCH }

// cmdRun is ask, plan, apply and destroy: queue the run on the platform
// (ask edits the spec first) and drive it to its end.
func cmdRun(ctx context.Context, cmd string, args []string, e *env) (int, error) {
	a, err := parseRun(cmd, args, e.getenv, e.stderr)
	if err != nil {
		return exitError, err
	}
	c, err := loadClient(a.common, e.getenv)
	if err != nil {
		return exitError, err
	}
	tf, err := newTerraform(a.tfFlags)
	if err != nil {
		return exitError, err
	}
	defer tf.Close()
	view := &agent.View{Out: e.stdout, JSON: a.JSON}
	ws, err := c.WorkspaceByName(ctx, a.Workspace)
	if err != nil {
		return exitError, err
	}
	r, err := queue(ctx, c, view, ws.ID, cmd, a.Prompt)
	if err != nil {
		return exitError, err
	}
	var log io.Writer
	if a.Verbose {
		log = e.stderr
	}
	flow := &agent.Flow{Exec: &agent.Executor{Client: c, Terraform: tf, Heartbeat: 30 * time.Second, Log: log},
		View: view, Confirm: confirmer(e, a.AutoApprove), Poll: time.Second}
	final, changes, err := flow.Drive(ctx, r, cmd == "plan")
	if err != nil {
		return exitError, err
	}
	if cmd == "plan" {
		if a.DetailedExitCode && agent.Count(changes).Changes() {
			return exitChanges, nil
		}
		return exitOK, nil
	}
	if final.Status != "applied" && final.Status != "discarded" {
		view.Result(final)
	}
	return exitOK, nil
}

// queue makes the run the command drives.
func queue(ctx context.Context, c *agent.Client, view *agent.View, wsID int64, cmd, prompt string) (*agent.Run, error) {
	switch cmd {
	case "ask":
		res, err := c.Ask(ctx, wsID, prompt)
		if err != nil {
			return nil, err
		}
		view.Asked(res)
		return &res.Run, nil
	case "destroy":
		return c.Queue(ctx, wsID, "destroy")
	}
	return c.Queue(ctx, wsID, "apply")
}

func cmdServe(ctx context.Context, args []string, e *env) (int, error) {
	a, err := parseServe(args, e.getenv, e.stderr)
	if err != nil {
		return exitError, err
	}
	c, err := loadClient(a.common, e.getenv)
	if err != nil {
		return exitError, err
	}
	tf, err := newTerraform(a.tfFlags)
	if err != nil {
		return exitError, err
	}
	defer tf.Close()
	var h slog.Handler = slog.NewTextHandler(e.stderr, nil)
	if a.JSON {
		h = slog.NewJSONHandler(e.stderr, nil)
	}
	log := slog.New(h)
	log.Info("agent serving", slog.String("server", c.Server), slog.Int64("agent", c.AgentID), slog.String("version", version))
	var tfLog io.Writer
	if a.Verbose {
		tfLog = e.stderr
	}
	d := &agent.Daemon{Exec: &agent.Executor{Client: c, Terraform: tf, Heartbeat: 30 * time.Second, Log: tfLog},
		View: &agent.View{Out: e.stdout, JSON: a.JSON}, Log: log, Wait: 25 * time.Second, Retry: 5 * time.Second}
	if err := d.Run(ctx); err != nil {
		return exitError, err
	}
	log.Info("agent stopped")
	return exitOK, nil
}
