package cloudformation

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/syncloud/syncloud/internal/policy"
	"github.com/syncloud/syncloud/internal/spec"
)

// cfnLint runs cfn-lint on files, skipping (and saying why) where it is not
// installed; CI has it.
func cfnLint(t *testing.T, files []string) {
	t.Helper()
	lint, err := exec.LookPath("cfn-lint")
	if err != nil {
		t.Skip("cfn-lint is not installed: templates are not checked against the CloudFormation spec")
	}
	out, err := exec.Command(lint, append([]string{"--regions", "us-east-1", "--"}, files...)...).CombinedOutput()
	if err != nil {
		t.Errorf("cfn-lint: %v\n%s", err, out)
	}
}

// TestCfnLint holds the golden templates against the CloudFormation
// resource specification.
func TestCfnLint(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.template.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden templates (%v)", err)
	}
	cfnLint(t, files)
}

// TestCfnLintDefaultTags renders every test stack again with default tags,
// so that every type given Tags is one that takes them.
func TestCfnLintDefaultTags(t *testing.T) {
	var stacks []*spec.Stack
	for _, tc := range goldenCases() {
		st := tc.stack()
		policy.Harden(st)
		stacks = append(stacks, st)
	}
	specs, _ := filepath.Glob(filepath.Join("testdata", "*.spec.json"))
	for _, p := range specs {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var st spec.Stack
		if err := json.Unmarshal(raw, &st); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		stacks = append(stacks, &st)
	}
	dir := t.TempDir()
	var files []string
	for i, st := range stacks {
		st.Tags = map[string]string{"Owner": "ops", "CostCenter": "42"}
		out, err := Render(st)
		if err != nil {
			t.Fatalf("stack %d: %v", i, err)
		}
		f := filepath.Join(dir, fmt.Sprintf("stack%02d.json", i))
		if err := os.WriteFile(f, out, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	cfnLint(t, files)
}
