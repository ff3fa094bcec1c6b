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
		rc("g", tfjson.ManagedResourceMode, tfjson.ActionNoop),
		rc("h", tfjson.ManagedResourceMode, tfjson.ActionUpdate),
	}}
	p.ResourceChanges[6].Change.Importing = &tfjson.Importing{ID: "vpc-1"}
	p.ResourceChanges[7].Change.Importing = &tfjson.Importing{ID: "vpc-2"}
	got := Summarize(p)
	want := Summary{Add: 2, Change: 2, Destroy: 2, Import: 2, Changes: []PlannedChange{
		{"create", "a", "aws_x", "a"}, {"update", "b", "aws_x", "b"},
		{"delete", "c", "aws_x", "c"}, {"replace", "d", "aws_x", "d"},
		{"import", "g", "aws_x", "g"}, {"import", "h", "aws_x", "h"},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Summarize (-want +got):\n%s", diff)
	}
}
