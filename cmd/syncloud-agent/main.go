// Command syncloud-agent is the SynCloud Local Agent: it edits a
// workspace's stack on the platform by prompt, and plans and applies it
// with the local Terraform and the machine's own AWS credentials (which
// never leave it), or serves queued runs as a daemon.
package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is the agent's build version, set with -ldflags "-X main.version=...".
var version = "dev"

const usage = `usage: syncloud-agent <command> [flags]

commands:
  login --server URL --api-key KEY [--name N]    log in and register this machine as an agent
  workspace create NAME [--region R] [--aws-endpoint URL] [--mode agent|platform]
  ask --workspace NAME [--auto-approve] -- PROMPT   change the workspace's stack by prompt, plan, confirm, apply
  plan --workspace NAME [--detailed-exitcode]    plan the current stack (the run is then discarded)
  apply --workspace NAME [--auto-approve]        plan and apply the current stack
  destroy --workspace NAME [--auto-approve]      plan and apply the destruction of every resource
  runs --workspace NAME                          the workspace's run history
  serve                                          execute queued runs of agent-mode workspaces
  version                                        print the version

Every command takes --json (one JSON object per line) and --config FILE
(env SYNCLOUD_AGENT_CONFIG). Terraform: --terraform, --plugin-mirror and
--work-dir (env SYNCLOUD_TERRAFORM, SYNCLOUD_TF_PLUGIN_MIRROR,
SYNCLOUD_AGENT_WORK_DIR).

exit codes: 0 ok, 1 error (including bad usage and an unconfirmed plan),
2 the plan has changes (plan --detailed-exitcode)
`

// Exit codes.
const (
	exitOK      = 0
	exitError   = 1
	exitChanges = 2
)

// env is what a command runs with: the process's streams and environment,
// passed in so tests run commands in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// isTTY reports whether stdin is a terminal a person can answer on.
	isTTY bool
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, isTTY: isTerminal(os.Stdin)}
	os.Exit(run(ctx, os.Args[1:], e))
}

// isTerminal reports whether f is a character device (a terminal).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
