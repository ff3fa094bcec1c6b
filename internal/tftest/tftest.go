// Package tftest runs real Terraform in tests: it finds the binary and the
// AWS provider's filesystem mirror, writes a CLI configuration that installs
// from the mirror, and validates many configurations in one batch (one root
// module, one child module each), because loading the provider schema costs
// seconds per validate.
package tftest

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// Terraform is a terraform binary with an environment that installs the AWS
// provider from a filesystem mirror.
type Terraform struct {
	Bin string
	Env []string
}

// New finds terraform and the mirror (SYNCLOUD_TF_PLUGIN_MIRROR, else
// /opt/tf-plugins); when either is missing it skips the test loudly, or
// fails it in CI (Missing).
func New(t testing.TB) *Terraform {
	t.Helper()
	bin, err := exec.LookPath("terraform")
	if err != nil {
		Missing(t, "terraform is not on PATH; nothing was validated by Terraform")
	}
	mirror := os.Getenv("SYNCLOUD_TF_PLUGIN_MIRROR")
	if mirror == "" {
		mirror = "/opt/tf-plugins"
	}
	if _, err := os.Stat(mirror); err != nil {
		Missing(t, "no AWS provider mirror at %s (set SYNCLOUD_TF_PLUGIN_MIRROR); nothing was validated by Terraform", mirror)
	}
	dir := t.TempDir()
	cli := hclwrite.NewEmptyFile()
	cli.Body().SetAttributeValue("plugin_cache_dir", cty.StringVal(filepath.Join(dir, "cache")))
	fm := cli.Body().AppendNewBlock("provider_installation", nil).Body().AppendNewBlock("filesystem_mirror", nil)
	fm.Body().SetAttributeValue("path", cty.StringVal(mirror))
	if err := os.MkdirAll(filepath.Join(dir, "cache"), 0o755); err != nil {
		t.Fatal(err)
	}
	rc := filepath.Join(dir, "cli.tfrc")
	if err := os.WriteFile(rc, cli.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return &Terraform{Bin: bin, Env: append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")}
}

// Run runs terraform with args in dir and returns its combined output.
func (tf *Terraform) Run(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command(tf.Bin, args...)
	cmd.Dir, cmd.Env = dir, tf.Env
	return cmd.CombinedOutput()
}

// Problem is one error terraform validate reported, with the module it is in.
type Problem struct {
	Module  string
	Summary string
	Detail  string
}

func (p Problem) String() string { return p.Module + ": " + p.Summary + ": " + p.Detail }

// ValidateModules writes each module's files under one root, runs terraform
// init and validate once, and returns the errors by module. It fails the test
// if terraform itself cannot run.
func (tf *Terraform) ValidateModules(t testing.TB, modules map[string]map[string][]byte) []Problem {
	t.Helper()
	root := t.TempDir()
	names := make([]string, 0, len(modules))
	for name := range modules {
		names = append(names, name)
	}
	sort.Strings(names)
	var calls strings.Builder
	for _, name := range names {
		dir := filepath.Join(root, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for file, b := range modules[name] {
			if err := os.WriteFile(filepath.Join(dir, file), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		fmt.Fprintf(&calls, "module %q {\n  source = %q\n}\n", name, "./"+name)
	}
	if err := os.WriteFile(filepath.Join(root, "main.tf"), []byte(calls.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := tf.Run(root, "init", "-input=false", "-no-color", "-backend=false"); err != nil {
		t.Fatalf("terraform init: %v\n%s", err, out)
	}
	out, _ := tf.Run(root, "validate", "-json", "-no-color")
	return parseValidate(t, out)
}

func parseValidate(t testing.TB, out []byte) []Problem {
	var res struct {
		Diagnostics []struct {
			Severity string `json:"severity"`
			Summary  string `json:"summary"`
			Detail   string `json:"detail"`
			Range    *struct {
				Filename string `json:"filename"`
			} `json:"range"`
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("terraform validate -json: %v\n%s", err, out)
	}
	var ps []Problem
	for _, d := range res.Diagnostics {
		if d.Severity != "error" {
			continue
		}
		mod := ""
		if d.Range != nil {
			mod, _, _ = strings.Cut(d.Range.Filename, "/")
		}
		ps = append(ps, Problem{Module: mod, Summary: d.Summary, Detail: d.Detail})
	}
	return ps
}

// FmtCheck runs terraform fmt -check over dir and returns the files it would
// change.
func (tf *Terraform) FmtCheck(dir string) (string, error) {
	out, err := tf.Run(dir, "fmt", "-check", "-recursive", "-list=true")
	return string(out), err
}
