package web

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/syncloud/syncloud/internal/kumotest"
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/lml/rules"
	"github.com/syncloud/syncloud/internal/run"
	"github.com/syncloud/syncloud/internal/tfrun"
	"github.com/syncloud/syncloud/internal/tftest"
)

// The conversation of the end-to-end tests (GitHub issue 4): a first ask
// that builds, and a second that edits what the first built.
const (
	e2ePrompt = "a VPC 10.20.0.0/16 with two private subnets, a DynamoDB table called orders keyed by a string id, and a versioned S3 bucket for logs"
	e2eEdit   = "add a second table called refunds and turn off versioning on the logs bucket"
)

// drive runs the worker until the run reaches want, failing on any other
// final status.
func drive(t *testing.T, p *platform, w *run.Worker, orgID, runID int64, want run.Status) {
	t.Helper()
	ctx := context.Background()
	for deadline := time.Now().Add(5 * time.Minute); time.Now().Before(deadline); {
		r, err := p.db.Run(ctx, orgID, runID)
		if err != nil {
			t.Fatal(err)
		}
		if run.Status(r.Status) == want {
			return
		}
		if run.Status(r.Status).Final() {
			t.Fatalf("run %d is %s, want %s: %s", runID, r.Status, want, r.Error)
		}
		if _, err := w.Once(ctx); err != nil {
			t.Fatalf("worker: %v", err)
		}
	}
	t.Fatalf("run %d did not reach %s", runID, want)
}

// TestRunsAgainstEmulator is the whole platform-mode flow with real
// Terraform against the kumo emulator: a workspace with a custom
// endpoint, an ask that builds, plan, approve, apply, a second ask that
// edits (exactly one add and one change), destroy; after each apply the
// emulator is read with the AWS SDK and the audit log is checked against
// the plan. The engine leaves out what kumo cannot delete (kumotest.Gaps).
func TestRunsAgainstEmulator(t *testing.T) {
	tfBin := tftest.Binary(t)
	kumo := kumotest.Start(t)
	p := newPlatform(t)
	p.runs.Service.Generator = &lml.Generator{Engine: kumotest.Engine{Engine: rules.Engine{}}}
	w := &run.Worker{Service: p.runs.Service, ServerURL: p.srv.URL, Name: "e2e", Poll: 100 * time.Millisecond,
		Terraform: &tfrun.Terraform{Binary: tfBin, PluginMirror: tftest.Mirror(), WorkDir: t.TempDir()},
		Resolver:  awsResolver(p), Log: slog.New(slog.NewTextHandler(os.Stderr, nil))}
	owner := p.register("e2e@example.com")
	var conn connectionView
	owner.mustDo(http.MethodPost, "/api/v1/connections", map[string]any{"name": "kumo", "kind": "endpoint", "endpoint_url": kumo.URL}, http.StatusCreated, &conn)
	var ws workspaceView
	owner.mustDo(http.MethodPost, "/api/v1/workspaces", map[string]any{"name": "e2e", "region": kumotest.Region, "connection_id": conn.ID}, http.StatusCreated, &ws)
	ask := func(prompt string) int64 {
		var asked askResponse
		owner.mustDo(http.MethodPost, "/api/v1/workspaces/"+itoa(ws.ID)+"/ask", map[string]any{"prompt": prompt}, http.StatusAccepted, &asked)
		return asked.Run.ID
	}

	firstID := ask(e2ePrompt)
	first := planAndApply(t, p, w, owner, firstID)
	if s := first.Summary; s.Add < 5 || s.Change != 0 || s.Destroy != 0 {
		t.Errorf("first plan summary = %+v, want only additions (VPC, 2 subnets, table, bucket and its settings)", s)
	}
	built := kumotest.Inventory{VPCs: []string{"10.20.0.0/16"}, Tagged: 1, Subnets: 2, Tables: []string{"orders"},
		Buckets: 1, Versioning: []string{"Enabled"}}
	if diff := cmp.Diff(built, kumo.Inventory(t)); diff != "" {
		t.Fatalf("emulator after the first apply (-want +got):\n%s", diff)
	}

	edit := planAndApply(t, p, w, owner, ask(e2eEdit))
	if diff := cmp.Diff(planCounts{Add: 1, Change: 1}, edit.Summary); diff != "" {
		t.Errorf("second plan summary (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string][]string{"resource.create": {"aws_dynamodb_table.refunds"},
		"resource.update": {"aws_s3_bucket_versioning.logs"}}, edit.audited); diff != "" {
		t.Errorf("audited resources of the second apply (-want +got):\n%s", diff)
	}
	built.Tables, built.Versioning = []string{"orders", "refunds"}, []string{"Suspended"}
	if diff := cmp.Diff(built, kumo.Inventory(t)); diff != "" {
		t.Fatalf("emulator after the second apply (-want +got):\n%s", diff)
	}
	// The run tag names the run that created the VPC, and the second run,
	// whose config has another run ID, neither planned nor made a change to it.
	if got, want := kumo.VPCTag(t, run.RunTag), []string{itoa(firstID)}; !slices.Equal(got, want) {
		t.Errorf("VPC %s tags = %q, want %q", run.RunTag, got, want)
	}

	var destroy runView
	owner.mustDo(http.MethodPost, "/api/v1/workspaces/"+itoa(ws.ID)+"/runs", map[string]any{"operation": "destroy"}, http.StatusCreated, &destroy)
	d := planAndApply(t, p, w, owner, destroy.ID)
	if want := (planCounts{Destroy: first.Summary.Add + 1}); d.Summary != want {
		t.Errorf("destroy plan summary = %+v, want %+v", d.Summary, want)
	}
	if diff := cmp.Diff(kumotest.Inventory{}, kumo.Inventory(t)); diff != "" {
		t.Errorf("emulator after destroy (-want +got):\n%s", diff)
	}
}

// appliedRun is a run after planAndApply: as planned, with the resources
// the audit log recorded for its apply.
type appliedRun struct {
	runView
	audited map[string][]string
}

// planAndApply drives a queued run through plan, approval and apply over
// the API, logs how long each took, and checks that the audit log records
// exactly the plan's resource changes, each with its type, name, region
// and ID.
func planAndApply(t *testing.T, p *platform, w *run.Worker, c *client, runID int64) appliedRun {
	t.Helper()
	path := "/api/v1/runs/" + itoa(runID)
	start := time.Now()
	drive(t, p, w, c.org, runID, run.Planned)
	t.Logf("run %d planned in %s", runID, time.Since(start).Round(time.Millisecond))
	var planned runView
	c.mustDo(http.MethodGet, path, nil, http.StatusOK, &planned)
	if len(planned.PlanSHA256) != 64 || len(planned.ConfigSHA256) != 64 {
		t.Fatalf("planned run without hashes: %+v", planned)
	}
	var plan json.RawMessage
	c.mustDo(http.MethodGet, path+"/plan", nil, http.StatusOK, &plan)
	actions := kumotest.PlanActions(t, plan)
	if len(actions) == 0 {
		t.Errorf("plan JSON changes nothing: %.300s", plan)
	}
	c.mustDo(http.MethodPost, path+"/approve", nil, http.StatusOK, nil)
	start = time.Now()
	drive(t, p, w, c.org, runID, run.Applied)
	t.Logf("run %d applied in %s", runID, time.Since(start).Round(time.Millisecond))
	var page logPage
	c.mustDo(http.MethodGet, path+"/logs", nil, http.StatusOK, &page)
	if len(page.Chunks) == 0 || !strings.Contains(page.Chunks[0].Text+page.Chunks[len(page.Chunks)-1].Text, "SynCloud") {
		t.Errorf("run log has %d chunks", len(page.Chunks))
	}
	audited := kumotest.RunResources(t, p.db, c.org, runID)
	if diff := cmp.Diff(actions, audited); diff != "" {
		t.Errorf("run %d: audited resources differ from the plan (-plan +audit):\n%s", runID, diff)
	}
	return appliedRun{runView: planned, audited: audited}
}
