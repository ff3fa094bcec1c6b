package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
)

// errUsage marks bad command-line input.
var errUsage = errors.New("usage")

// common are the flags every command takes.
type common struct {
	JSON   bool
	Config string // agent.json path; "" is the OS config dir
}

func (c *common) register(fs *flag.FlagSet) {
	fs.BoolVar(&c.JSON, "json", false, "machine-readable output: one JSON object per line")
	fs.StringVar(&c.Config, "config", "", "agent config file (env SYNCLOUD_AGENT_CONFIG; default: <OS config dir>/syncloud/agent.json)")
}

// tfFlags choose the local Terraform for commands that run it.
type tfFlags struct {
	Terraform    string // binary; "" finds terraform on $PATH
	PluginMirror string // provider filesystem mirror; "" uses the registry
	WorkDir      string // run directories and plugin cache
}

func (t *tfFlags) register(fs *flag.FlagSet, getenv func(string) string) {
	fs.StringVar(&t.Terraform, "terraform", getenv("SYNCLOUD_TERRAFORM"), "terraform binary (env SYNCLOUD_TERRAFORM; default: from $PATH)")
	fs.StringVar(&t.PluginMirror, "plugin-mirror", getenv("SYNCLOUD_TF_PLUGIN_MIRROR"), "provider filesystem mirror directory (env SYNCLOUD_TF_PLUGIN_MIRROR; default: the Terraform registry)")
	fs.StringVar(&t.WorkDir, "work-dir", getenv("SYNCLOUD_AGENT_WORK_DIR"), "run directories and plugin cache (env SYNCLOUD_AGENT_WORK_DIR; default: <OS cache dir>/syncloud/agent)")
}

// loginArgs are the arguments of `login`.
type loginArgs struct {
	common
	Server string
	APIKey string
	Name   string
}

// workspaceCreateArgs are the arguments of `workspace create`.
type workspaceCreateArgs struct {
	common
	Name        string
	Region      string
	AWSEndpoint string
	Mode        string
}

// runArgs are the arguments of ask, plan, apply and destroy.
type runArgs struct {
	common
	tfFlags
	Workspace        string
	AutoApprove      bool
	DetailedExitCode bool
	Verbose          bool
	Prompt           string
}

// runsArgs are the arguments of `runs`.
type runsArgs struct {
	common
	Workspace string
}

// serveArgs are the arguments of `serve`.
type serveArgs struct {
	common
	tfFlags
	Verbose bool
}

// newFlagSet is a flag set that reports errors instead of exiting.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("syncloud-agent "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parse parses args, allowing flags between positional arguments up to
// a "--"; everything after the "--" is positional as written.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	if i := slices.Index(args, "--"); i >= 0 {
		args, rest = args[:i], args[i+1:]
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return append(pos, rest...), nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func parseLogin(args []string, stderr io.Writer) (*loginArgs, error) {
	a := &loginArgs{}
	fs := newFlagSet("login", stderr)
	a.common.register(fs)
	fs.StringVar(&a.Server, "server", "", "the SynCloud platform URL, e.g. https://app.syncloud.example")
	fs.StringVar(&a.APIKey, "api-key", "", "an API key with the runs:read and runs:write scopes")
	fs.StringVar(&a.Name, "name", "", "a name for this agent (default: the host name)")
	if _, err := parse(fs, args); err != nil {
		return nil, err
	}
	if a.Server == "" || a.APIKey == "" {
		return nil, fmt.Errorf("%w: login needs --server and --api-key", errUsage)
	}
	if !strings.HasPrefix(a.Server, "https://") && !strings.HasPrefix(a.Server, "http://") {
		return nil, fmt.Errorf("%w: --server must be an http(s) URL", errUsage)
	}
	return a, nil
}

func parseWorkspaceCreate(args []string, stderr io.Writer) (*workspaceCreateArgs, error) {
	a := &workspaceCreateArgs{}
	fs := newFlagSet("workspace create", stderr)
	a.common.register(fs)
	fs.StringVar(&a.Region, "region", "us-east-1", "AWS region")
	fs.StringVar(&a.AWSEndpoint, "aws-endpoint", "", "custom AWS endpoint URL (an emulator such as kumo)")
	fs.StringVar(&a.Mode, "mode", "agent", "where runs execute: agent (this machine) or platform")
	pos, err := parse(fs, args)
	if err != nil {
		return nil, err
	}
	if len(pos) != 1 {
		return nil, fmt.Errorf("%w: workspace create takes exactly one NAME", errUsage)
	}
	if a.Mode != "agent" && a.Mode != "platform" {
		return nil, fmt.Errorf("%w: --mode must be agent or platform", errUsage)
	}
	a.Name = pos[0]
	return a, nil
}

// parseRun reads the arguments of ask (which needs a prompt) and of plan,
// apply and destroy (which take none).
func parseRun(cmd string, args []string, getenv func(string) string, stderr io.Writer) (*runArgs, error) {
	a := &runArgs{}
	fs := newFlagSet(cmd, stderr)
	a.common.register(fs)
	a.tfFlags.register(fs, getenv)
	fs.StringVar(&a.Workspace, "workspace", "", "workspace name")
	fs.BoolVar(&a.AutoApprove, "auto-approve", false, "apply without asking for confirmation")
	fs.BoolVar(&a.Verbose, "verbose", false, "also print Terraform's output")
	if cmd == "plan" {
		fs.BoolVar(&a.DetailedExitCode, "detailed-exitcode", false, "exit 2 when the plan has changes")
	}
	pos, err := parse(fs, args)
	if err != nil {
		return nil, err
	}
	if a.Workspace == "" {
		return nil, fmt.Errorf("%w: %s needs --workspace NAME", errUsage, cmd)
	}
	a.Prompt = strings.TrimSpace(strings.Join(pos, " "))
	switch {
	case cmd == "ask" && a.Prompt == "":
		return nil, fmt.Errorf("%w: ask needs a prompt: ask --workspace NAME -- PROMPT", errUsage)
	case cmd != "ask" && a.Prompt != "":
		return nil, fmt.Errorf("%w: %s takes no arguments (got %q)", errUsage, cmd, a.Prompt)
	}
	return a, nil
}

func parseRuns(args []string, stderr io.Writer) (*runsArgs, error) {
	a := &runsArgs{}
	fs := newFlagSet("runs", stderr)
	a.common.register(fs)
	fs.StringVar(&a.Workspace, "workspace", "", "workspace name")
	pos, err := parse(fs, args)
	if err != nil {
		return nil, err
	}
	if a.Workspace == "" || len(pos) > 0 {
		return nil, fmt.Errorf("%w: runs takes only --workspace NAME", errUsage)
	}
	return a, nil
}

func parseServe(args []string, getenv func(string) string, stderr io.Writer) (*serveArgs, error) {
	a := &serveArgs{}
	fs := newFlagSet("serve", stderr)
	a.common.register(fs)
	a.tfFlags.register(fs, getenv)
	fs.BoolVar(&a.Verbose, "verbose", false, "also print Terraform's output")
	pos, err := parse(fs, args)
	if err != nil {
		return nil, err
	}
	if len(pos) > 0 {
		return nil, fmt.Errorf("%w: serve takes no arguments", errUsage)
	}
	return a, nil
}
