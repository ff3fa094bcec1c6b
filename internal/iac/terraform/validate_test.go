package terraform

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// terraformEnv finds terraform and the AWS provider's filesystem mirror
// (SYNCLOUD_TF_PLUGIN_MIRROR, else /opt/tf-plugins) and writes a CLI
// configuration that installs from the mirror only. It skips, loudly, when
// either is missing.
func terraformEnv(t *testing.T) (bin string, env []string) {
	t.Helper()
	bin, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("SKIPPED: terraform is not on PATH; the rendered configuration was NOT validated by Terraform")
	}
	mirror := os.Getenv("SYNCLOUD_TF_PLUGIN_MIRROR")
	if mirror == "" {
		mirror = "/opt/tf-plugins"
	}
	if _, err := os.Stat(mirror); err != nil {
		t.Skipf("SKIPPED: no AWS provider mirror at %s (set SYNCLOUD_TF_PLUGIN_MIRROR); the rendered configuration was NOT validated by Terraform", mirror)
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
	return bin, append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
}

func terraform(t *testing.T, bin string, env []string, dir string, args ...string) ([]byte, error) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir, cmd.Env = dir, env
	return cmd.CombinedOutput()
}

// TestGoldenFilesPassTerraform runs real `terraform init` and `terraform
// validate` once over every golden file, each a child module of one root
// module, and `terraform fmt -check` over the native-syntax ones.
func TestGoldenFilesPassTerraform(t *testing.T) {
	if testing.Short() {
		t.Skip("SKIPPED in -short mode: terraform validate of the golden files")
	}
	bin, env := terraformEnv(t)
	if out, err := terraform(t, bin, env, "testdata", "fmt", "-check", "-recursive", "-list=true"); err != nil {
		t.Errorf("terraform fmt -check: %v\nfiles not formatted:\n%s", err, out)
	}
	root := t.TempDir()
	var calls strings.Builder
	for _, c := range goldenCases() {
		for _, f := range []Format{HCL, JSON} {
			mod := c.name + "_" + f.String()
			src := filepath.Join("testdata", c.name, f.FileName())
			b, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Join(root, mod), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, mod, f.FileName()), b, 0o644); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&calls, "module %q {\n  source = %q\n}\n", mod, "./"+mod)
		}
	}
	if err := os.WriteFile(filepath.Join(root, "main.tf"), []byte(calls.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := terraform(t, bin, env, root, "init", "-input=false", "-no-color", "-backend=false"); err != nil {
		t.Fatalf("terraform init: %v\n%s", err, out)
	}
	out, _ := terraform(t, bin, env, root, "validate", "-json", "-no-color")
	var res struct {
		Valid       bool `json:"valid"`
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
	for _, d := range res.Diagnostics {
		file := ""
		if d.Range != nil {
			file = d.Range.Filename
		}
		if d.Severity == "error" {
			t.Errorf("terraform validate: %s: %s: %s", file, d.Summary, d.Detail)
		}
	}
	if !res.Valid {
		t.Error("terraform validate: configuration is not valid")
	}
}
