package lml_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/syncloud/syncloud/internal/iac"
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/lml/rules"
	"github.com/syncloud/syncloud/internal/tftest"
)

var nonIdent = regexp.MustCompile(`[^A-Za-z0-9_]`)

// TestDevSetHCLPassesTerraform renders every dev-set answer in native syntax
// and checks it with real Terraform: one batched validate, and fmt -check.
func TestDevSetHCLPassesTerraform(t *testing.T) {
	if testing.Short() {
		t.Skip("SKIPPED in -short mode: terraform validate of the dev set in HCL")
	}
	cases := devCases(t)
	tf := tftest.New(t)
	g := &lml.Generator{Engine: rules.Engine{}}
	modules := map[string]map[string][]byte{}
	fmtDir := t.TempDir()
	for _, c := range cases {
		if c.ExpectError {
			continue
		}
		res, err := g.Generate(context.Background(), lml.Request{Prompt: c.Prompt})
		if err != nil {
			t.Errorf("%s: %v", c.ID, err)
			continue
		}
		files, err := iac.Render(res.Stack, iac.HCL)
		if err != nil {
			t.Errorf("%s: render: %v", c.ID, err)
			continue
		}
		name := "c_" + nonIdent.ReplaceAllString(c.ID, "_")
		modules[name] = files
		if err := os.WriteFile(filepath.Join(fmtDir, name+".tf"), files["main.tf"], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := tf.FmtCheck(fmtDir); err != nil {
		t.Errorf("terraform fmt -check: %v; not formatted:\n%s", err, out)
	}
	for _, p := range tf.ValidateModules(t, modules) {
		t.Errorf("terraform validate: %s", p)
	}
}
