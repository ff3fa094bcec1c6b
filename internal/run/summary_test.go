package run

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	tfjson "github.com/hashicorp/terraform-json"
)

func TestSummarize(t *testing.T) {
	rc := func(addr string, mode tfjson.ResourceMode, actions ...tfjson.Action) *tfjson.ResourceChange {
		return &tfjson.ResourceChange{Address: addr, Mode: mode, Type: "aws_x", Name: addr,
			Change: &tfjson.Change{Actions: actions}}
	}
	p := &tfjson.Plan{ResourceChanges: []*tfjson.ResourceChange{
		rc("a", tfjson.ManagedResourceMode, tfjson.ActionCreate),
		rc("b", tfjson.ManagedResourceMode, tfjson.ActionUpdate),
		rc("c", tfjson.ManagedResourceMode, tfjson.ActionDelete),
		rc("d", tfjson.ManagedResourceMode, tfjson.ActionDelete, tfjson.ActionCreate),
		rc("e", tfjson.ManagedResourceMode, tfjson.ActionNoop),
		rc("f", tfjson.DataResourceMode, tfjson.ActionRead),
	}}
	got := Summarize(p)
	want := Summary{Add: 2, Change: 1, Destroy: 2, Changes: []PlannedChange{
		{"create", "a", "aws_x", "a"}, {"update", "b", "aws_x", "b"},
		{"delete", "c", "aws_x", "c"}, {"replace", "d", "aws_x", "d"},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Summarize (-want +got):\n%s", diff)
	}
}
