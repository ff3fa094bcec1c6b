package main

import (
	"errors"
	"io"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// argsCmp compares argument structs, whose embedded flag groups are
// unexported fields.
var argsCmp = cmp.AllowUnexported(runArgs{}, loginArgs{}, workspaceCreateArgs{})

func TestParseRun(t *testing.T) {
	env := func(k string) string {
		return map[string]string{"SYNCLOUD_TF_PLUGIN_MIRROR": "/mirror"}[k]
	}
	tests := []struct {
		name    string
		cmd     string
		args    []string
		want    *runArgs
		wantErr bool
	}{
		{name: "ask with prompt after --", cmd: "ask",
			args: []string{"--workspace", "dev", "--auto-approve", "--", "a bucket", "--json"},
			want: &runArgs{Workspace: "dev", AutoApprove: true, Prompt: "a bucket --json", tfFlags: tfFlags{PluginMirror: "/mirror"}}},
		{name: "flags after the prompt words", cmd: "ask",
			args: []string{"a", "queue", "--workspace", "dev", "--json"},
			want: &runArgs{common: common{JSON: true}, Workspace: "dev", Prompt: "a queue", tfFlags: tfFlags{PluginMirror: "/mirror"}}},
		{name: "plan detailed exit code", cmd: "plan",
			args: []string{"--workspace=w", "--detailed-exitcode", "--plugin-mirror", ""},
			want: &runArgs{Workspace: "w", DetailedExitCode: true}},
		{name: "ask without prompt", cmd: "ask", args: []string{"--workspace", "w"}, wantErr: true},
		{name: "apply with a prompt", cmd: "apply", args: []string{"--workspace", "w", "--", "x"}, wantErr: true},
		{name: "no workspace", cmd: "destroy", args: nil, wantErr: true},
		{name: "detailed exit code is plan only", cmd: "apply", args: []string{"--workspace", "w", "--detailed-exitcode"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseRun(tt.cmd, tt.args, env, io.Discard)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got, argsCmp); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseLoginAndWorkspace(t *testing.T) {
	l, err := parseLogin([]string{"--server", "https://app.example", "--api-key", "k"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&loginArgs{Server: "https://app.example", APIKey: "k"}, l, argsCmp); diff != "" {
		t.Errorf("login (-want +got):\n%s", diff)
	}
	for _, bad := range [][]string{{"--server", "app.example", "--api-key", "k"}, {"--api-key", "k"}} {
		if _, err := parseLogin(bad, io.Discard); !errors.Is(err, errUsage) {
			t.Errorf("parseLogin(%q) err = %v, want usage error", bad, err)
		}
	}
	w, err := parseWorkspaceCreate([]string{"dev", "--aws-endpoint", "http://127.0.0.1:4566", "--region", "eu-west-1"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := &workspaceCreateArgs{Name: "dev", Region: "eu-west-1", AWSEndpoint: "http://127.0.0.1:4566", Mode: "agent"}
	if diff := cmp.Diff(want, w, argsCmp); diff != "" {
		t.Errorf("workspace create (-want +got):\n%s", diff)
	}
	for _, bad := range [][]string{{}, {"a", "b"}, {"a", "--mode", "cloud"}} {
		if _, err := parseWorkspaceCreate(bad, io.Discard); !errors.Is(err, errUsage) {
			t.Errorf("parseWorkspaceCreate(%q) err = %v, want usage error", bad, err)
		}
	}
}

func TestRunExitCodes(t *testing.T) {
	e := &env{stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }}
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"version"}, exitOK},
		{[]string{"login", "-h"}, exitOK},
		{[]string{"frobnicate"}, exitError},
		{[]string{"workspace", "delete", "x"}, exitError},
		{[]string{"runs", "--workspace", "w", "--config", "/nonexistent/agent.json"}, exitError},
	}
	for _, tt := range tests {
		if got := run(t.Context(), tt.args, e); got != tt.want {
			t.Errorf("run(%q) = %d, want %d", tt.args, got, tt.want)
		}
	}
}
