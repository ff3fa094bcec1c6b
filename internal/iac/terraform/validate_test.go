package terraform

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/syncloud/syncloud/internal/tftest"
)

// TestGoldenFilesPassTerraform runs real `terraform init` and `terraform
// validate` once over every golden file, each a child module of one root
// module, and `terraform fmt -check` over the native-syntax ones.
func TestGoldenFilesPassTerraform(t *testing.T) {
	if testing.Short() {
		t.Skip("SKIPPED in -short mode: terraform validate of the golden files")
	}
	tf := tftest.New(t)
	if out, err := tf.FmtCheck("testdata"); err != nil {
		t.Errorf("terraform fmt -check: %v\nfiles not formatted:\n%s", err, out)
	}
	modules := map[string]map[string][]byte{}
	for _, c := range goldenCases() {
		for _, f := range []Format{HCL, JSON} {
			b, err := os.ReadFile(filepath.Join("testdata", c.name, f.FileName()))
			if err != nil {
				t.Fatal(err)
			}
			modules[c.name+"_"+f.String()] = map[string][]byte{f.FileName(): b}
		}
	}
	for _, p := range tf.ValidateModules(t, modules) {
		t.Errorf("terraform validate: %s", p)
	}
}
