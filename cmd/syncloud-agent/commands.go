package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/syncloud/syncloud/internal/agent"
	"github.com/syncloud/syncloud/internal/tfrun"
)

// run dispatches a command line and returns the exit code.
func run(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(e.stderr, usage)
		return exitError
	}
	cmd, rest := args[0], args[1:]
	var code int
	var err error
	switch cmd {
	case "version":
		fmt.Fprintln(e.stdout, version)
		return exitOK
	case "login":
		code, err = cmdLogin(ctx, rest, e)
	case "workspace":
		if len(rest) == 0 || rest[0] != "create" {
			err = fmt.Errorf("%w: the workspace command is `workspace create NAME`", errUsage)
			break
		}
		code, err = cmdWorkspaceCreate(ctx, rest[1:], e)
	case "ask", "plan", "apply", "destroy":
		code, err = cmdRun(ctx, cmd, rest, e)
	case "runs":
		code, err = cmdRuns(ctx, rest, e)
	case "serve":
		code, err = cmdServe(ctx, rest, e)
	default:
		err = fmt.Errorf("%w: unknown command %q", errUsage, cmd)
	}
	return finish(code, err, e)
}

// finish reports a command's error and maps it to an exit code.
func finish(code int, err error, e *env) int {
	switch {
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errUsage):
		fmt.Fprintf(e.stderr, "syncloud-agent: %v\n\n%s", err, usage)
		return exitError
	case err != nil:
		fmt.Fprintf(e.stderr, "syncloud-agent: %v\n", err)
		return exitError
	}
	return code
}

// configPath is the --config flag, else env SYNCLOUD_AGENT_CONFIG, else
// the default location in the OS config directory.
func configPath(c common, getenv func(string) string) (string, error) {
	if c.Config != "" {
		return c.Config, nil
	}
	if p := getenv("SYNCLOUD_AGENT_CONFIG"); p != "" {
		return p, nil
	}
	return agent.DefaultConfigPath()
}

// loadClient reads the saved login and returns a client for it.
func loadClient(c common, getenv func(string) string) (*agent.Client, error) {
	path, err := configPath(c, getenv)
	if err != nil {
		return nil, err
	}
	cfg, err := agent.LoadConfig(path)
	if err != nil {
		return nil, err
	}
	return &agent.Client{Server: cfg.Server, APIKey: cfg.APIKey, AgentID: cfg.AgentID, Version: version}, nil
}

func cmdLogin(ctx context.Context, args []string, e *env) (int, error) {
	a, err := parseLogin(args, e.stderr)
	if err != nil {
		return exitError, err
	}
	path, err := configPath(a.common, e.getenv)
	if err != nil {
		return exitError, err
	}
	name := a.Name
	if name == "" {
		if name, err = os.Hostname(); err != nil || name == "" {
			name = "agent"
		}
	}
	c := &agent.Client{Server: strings.TrimRight(a.Server, "/"), APIKey: a.APIKey, Version: version}
	cfg := &agent.Config{Server: c.Server, APIKey: a.APIKey}
	if old, err := agent.LoadConfig(path); err == nil && old.Server == cfg.Server && old.AgentID != 0 {
		cfg.AgentID, cfg.AgentName = old.AgentID, old.AgentName // keep the registered identity
		c.AgentID = old.AgentID
		if err := c.Heartbeat(ctx, 0); err == nil {
			return exitOK, saveLogin(cfg, path, &agent.AgentInfo{ID: old.AgentID, Name: old.AgentName, OS: goos(), Arch: goarch()}, e, a.JSON)
		}
	}
	info, err := c.Register(ctx, name)
	if err != nil {
		return exitError, err
	}
	cfg.AgentID, cfg.AgentName = info.ID, info.Name
	return exitOK, saveLogin(cfg, path, info, e, a.JSON)
}

func saveLogin(cfg *agent.Config, path string, info *agent.AgentInfo, e *env, asJSON bool) error {
	if err := cfg.Save(path); err != nil {
		return err
	}
	(&agent.View{Out: e.stdout, JSON: asJSON}).LoggedIn(cfg.Server, info, path)
	return nil
}

func cmdWorkspaceCreate(ctx context.Context, args []string, e *env) (int, error) {
	a, err := parseWorkspaceCreate(args, e.stderr)
	if err != nil {
		return exitError, err
	}
	c, err := loadClient(a.common, e.getenv)
	if err != nil {
		return exitError, err
	}
	in := agent.WorkspaceInput{Name: a.Name, Region: a.Region, Mode: a.Mode}
	if a.AWSEndpoint != "" {
		if in.ConnectionID, err = c.CreateEndpointConnection(ctx, a.Name+" endpoint", a.AWSEndpoint); err != nil {
			return exitError, err
		}
	}
	ws, err := c.CreateWorkspace(ctx, in)
	if err != nil {
		return exitError, err
	}
	(&agent.View{Out: e.stdout, JSON: a.JSON}).WorkspaceCreated(ws)
	return exitOK, nil
}

func cmdRuns(ctx context.Context, args []string, e *env) (int, error) {
	a, err := parseRuns(args, e.stderr)
	if err != nil {
		return exitError, err
	}
	c, err := loadClient(a.common, e.getenv)
	if err != nil {
		return exitError, err
	}
	ws, err := c.WorkspaceByName(ctx, a.Workspace)
	if err != nil {
		return exitError, err
	}
	runs, err := c.Runs(ctx, ws.ID)
	if err != nil {
		return exitError, err
	}
	(&agent.View{Out: e.stdout, JSON: a.JSON}).Runs(ws, runs)
	return exitOK, nil
}

// newTerraform resolves the local Terraform settings.
func newTerraform(t tfFlags) (*tfrun.Terraform, error) {
	bin := t.Terraform
	if bin == "" {
		p, err := exec.LookPath("terraform")
		if err != nil {
			return nil, fmt.Errorf("terraform is not on $PATH (install it or pass --terraform): %w", err)
		}
		bin = p
	}
	dir := t.WorkDir
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return nil, fmt.Errorf("locate cache dir (pass --work-dir): %w", err)
		}
		dir = filepath.Join(cache, "syncloud", "agent")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("work dir: %w", err)
	}
	return &tfrun.Terraform{Binary: bin, PluginMirror: t.PluginMirror, WorkDir: dir, StopGrace: stopGrace}, nil
}

// confirmer asks y/N on a terminal; elsewhere only --auto-approve says yes.
func confirmer(e *env, auto bool) func(*agent.Run, []agent.Change) (bool, error) {
	return func(r *agent.Run, _ []agent.Change) (bool, error) {
		if auto {
			return true, nil
		}
		if !e.isTTY {
			return false, nil
		}
		fmt.Fprintf(e.stderr, "Apply run %d? Only 'y' or 'yes' applies [y/N]: ", r.ID)
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && line == "" {
			return false, nil
		}
		ans := strings.ToLower(strings.TrimSpace(line))
		return ans == "y" || ans == "yes", nil
	}
}
