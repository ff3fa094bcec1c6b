package agent

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// applyEvents are lines `terraform apply -json` printed (Terraform 1.11).
const applyEvents = `{"@level":"info","@message":"Terraform 1.11.4","type":"version","terraform":"1.11.4","ui":"1.2"}
{"@level":"info","@message":"aws_vpc.main: Creating...","type":"apply_start","hook":{"resource":{"addr":"aws_vpc.main","resource_type":"aws_vpc"},"action":"create"}}
{"@level":"info","@message":"aws_vpc.main: Still creating... [10s elapsed]","type":"apply_progress","hook":{"resource":{"addr":"aws_vpc.main"},"action":"create","elapsed_seconds":10}}
{"@level":"info","@message":"aws_vpc.main: Creation complete after 12s [id=vpc-1]","type":"apply_complete","hook":{"resource":{"addr":"aws_vpc.main"},"action":"create","id_key":"id","id_value":"vpc-1","elapsed_seconds":12}}
{"@level":"error","@message":"aws_sqs_queue.q: Creation errored after 3s","type":"apply_errored","hook":{"resource":{"addr":"aws_sqs_queue.q"},"action":"create","elapsed_seconds":3}}
{"@level":"error","@message":"Error: timeout","type":"diagnostic","diagnostic":{"severity":"error","summary":"timeout"}}
not json`

func TestEventWriterSplitsAndParses(t *testing.T) {
	var got []Event
	var log bytes.Buffer
	w := &EventWriter{On: func(e Event) { got = append(got, e) }, Log: &log}
	// Written in odd chunks, as a pipe delivers them.
	for b := []byte(applyEvents); len(b) > 0; b = b[min(7, len(b)):] {
		w.Write(b[:min(7, len(b))])
	}
	w.Flush()
	want := []Event{
		{Type: "version", Message: "Terraform 1.11.4"},
		{Type: "apply_start", Message: "aws_vpc.main: Creating...", Resource: "aws_vpc.main", Action: "create"},
		{Type: "apply_progress", Message: "aws_vpc.main: Still creating... [10s elapsed]", Resource: "aws_vpc.main", Action: "create", Elapsed: 10},
		{Type: "apply_complete", Message: "aws_vpc.main: Creation complete after 12s [id=vpc-1]", Resource: "aws_vpc.main", Action: "create", Elapsed: 12, ID: "vpc-1"},
		{Type: "apply_errored", Message: "aws_sqs_queue.q: Creation errored after 3s", Resource: "aws_sqs_queue.q", Action: "create", Elapsed: 3},
		{Type: "diagnostic", Message: "Error: timeout", Severity: "error"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	if !strings.HasSuffix(log.String(), "Error: timeout\nnot json\n") {
		t.Errorf("log = %q, want messages and the raw non-event line", log.String())
	}
}

func TestProgressHuman(t *testing.T) {
	var out bytes.Buffer
	v := &View{Out: &out}
	w := &EventWriter{On: v.Progress}
	w.Write([]byte(applyEvents))
	w.Flush()
	want := `  + aws_vpc.main: creating...
  . aws_vpc.main: still creating (10s)
  ✓ aws_vpc.main: created after 12s [id=vpc-1]
  ✗ aws_sqs_queue.q: create failed after 3s
  error: Error: timeout
`
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("progress (-want +got):\n%s", diff)
	}
}

func TestViewJSONLines(t *testing.T) {
	var out bytes.Buffer
	v := &View{Out: &out, JSON: true}
	r := &Run{ID: 7, Operation: "apply", Status: "planned", Summary: Summary{Add: 1, Change: 1}}
	v.Plan(r, []Change{{Symbol: "+", Action: "create", Address: "aws_dynamodb_table.refunds"},
		{Symbol: "~", Action: "update", Address: "aws_s3_bucket_versioning.logs"}})
	v.Progress(Event{Type: "apply_start", Resource: "aws_dynamodb_table.refunds", Action: "create"})
	v.Progress(Event{Type: "version"}) // not shown
	v.Message("human only")
	v.Result(&Run{ID: 7, Status: "applied"})
	var types []string
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("line %q is not JSON: %v", line, err)
		}
		types = append(types, m["type"].(string))
	}
	if diff := cmp.Diff([]string{"plan", "progress", "run"}, types); diff != "" {
		t.Errorf("JSON line types (-want +got):\n%s", diff)
	}
	if !strings.Contains(out.String(), `"summary":{"add":1,"change":1,"destroy":0}`) {
		t.Errorf("plan line lacks the summary: %s", out.String())
	}
}

func TestPlanHuman(t *testing.T) {
	tests := []struct {
		name    string
		changes []Change
		want    string
	}{
		{"changes", []Change{{Symbol: "+", Action: "create", Address: "aws_vpc.main"}, {Symbol: "-/+", Action: "replace", Address: "aws_subnet.a"}},
			"\nPlan of run 3 (apply):\n  +   aws_vpc.main\n  -/+ aws_subnet.a\nPlan: 2 to add, 0 to change, 1 to destroy.\n"},
		{"none", nil, "\nPlan of run 3 (apply):\n  No changes.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			(&View{Out: &out}).Plan(&Run{ID: 3, Operation: "apply"}, tt.changes)
			if diff := cmp.Diff(tt.want, out.String()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestPlanChanges(t *testing.T) {
	plan := `{"format_version":"1.2","resource_changes":[
	 {"address":"aws_vpc.main","change":{"actions":["create"]}},
	 {"address":"aws_s3_bucket.logs","change":{"actions":["no-op"]}},
	 {"address":"aws_s3_bucket_versioning.logs","change":{"actions":["update"]}},
	 {"address":"aws_subnet.a","change":{"actions":["delete","create"]}},
	 {"address":"aws_sns_topic.t","change":{"actions":["delete"]}},
	 {"address":"aws_vpc.old","change":{"actions":["no-op"],"importing":{"id":"vpc-1"}}},
	 {"address":"aws_vpc.older","change":{"actions":["update"],"importing":{"id":"vpc-2"}}}]}`
	got, err := PlanChanges([]byte(plan))
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{{"+", "create", "aws_vpc.main"}, {"~", "update", "aws_s3_bucket_versioning.logs"},
		{"-/+", "replace", "aws_subnet.a"}, {"-", "delete", "aws_sns_topic.t"},
		{"i", "import", "aws_vpc.old"}, {"i", "import+update", "aws_vpc.older"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	sum := Count(got)
	if diff := cmp.Diff(Summary{Add: 2, Change: 2, Destroy: 2, Import: 2}, sum); diff != "" {
		t.Errorf("count (-want +got):\n%s", diff)
	}
	if want := "Plan: 2 to import, 2 to add, 2 to change, 2 to destroy."; sum.String() != want {
		t.Errorf("summary line %q, want %q", sum.String(), want)
	}
}
