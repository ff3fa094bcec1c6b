package web

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/syncloud/syncloud/internal/awsconn"
	"github.com/syncloud/syncloud/internal/run"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/tfrun"
	"github.com/syncloud/syncloud/internal/tftest"
)

// faultTimeout is the worker's run timeout for the throttled apply in
// TestAPIFaultsEndRuns: the bound on calls the provider keeps retrying.
const faultTimeout = 40 * time.Second

// TestAPIFaultsEndRuns makes the emulator's API fail under a running
// apply and checks that each run ends errored within a bounded time, with
// the provider's error in its message and log: a refused call (HTTP 400
// ValidationException) ends the apply at once; throttling (HTTP 400
// ThrottlingException), which the provider retries by itself, ends when
// the worker's timeout interrupts Terraform.
func TestAPIFaultsEndRuns(t *testing.T) {
	t.Parallel()
	e := newFaultEnv(t)
	w := e.worker(0)
	e.drive(w, e.runID, run.Planned)
	e.proxy.set(map[string]fault{"dynamodb:CreateTable": {Status: http.StatusBadRequest,
		Body: `{"__type":"com.amazonaws.dynamodb.v20120810#ValidationException","message":"injected fault: tables are frozen"}`}})
	r, took := e.approveAndApply(w, e.runID)
	t.Logf("refused call: run %d %s after %s: %s", r.ID, r.Status, took.Round(time.Millisecond), r.Error)
	if run.Status(r.Status) != run.Errored || !strings.Contains(r.Error, "injected fault: tables are frozen") {
		t.Errorf("run %d is %s with error %q, want errored with the provider's error", r.ID, r.Status, r.Error)
	}
	if log := e.runLog(r.ID); !strings.Contains(log, "ValidationException") || !strings.Contains(log, "tables are frozen") {
		t.Errorf("the run log lacks the provider's error:\n%s", log)
	}
	e.locksReleased()

	e.proxy.set(map[string]fault{"dynamodb:CreateTable": {Status: http.StatusBadRequest,
		Body: `{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"injected throttling: rate exceeded"}`}})
	var again runView
	e.owner.mustDo(http.MethodPost, "/api/v1/workspaces/"+itoa(e.wsID)+"/runs", map[string]any{"operation": "apply"}, http.StatusCreated, &again)
	planned := e.drive(w, again.ID, run.Planned)
	if planned.PlanAdd != 1 {
		t.Errorf("re-plan adds %d, want 1 (the table the refused call left out)", planned.PlanAdd)
	}
	r, took = e.approveAndApply(e.worker(faultTimeout), again.ID)
	t.Logf("throttling: run %d %s after %s (%d CreateTable calls): %s", r.ID, r.Status, took.Round(time.Millisecond),
		e.proxy.count("dynamodb:CreateTable"), r.Error)
	// The provider keeps the throttling to itself (it retries); its error
	// names the call that was interrupted.
	if run.Status(r.Status) != run.Errored || !strings.Contains(r.Error, "timed out after 40s") ||
		!strings.Contains(r.Error, "creating AWS DynamoDB Table (orders)") {
		t.Errorf("run %d is %s with error %q, want errored, timed out, naming the interrupted creation", r.ID, r.Status, r.Error)
	}
	if took > faultTimeout+time.Minute {
		t.Errorf("throttling took %s to end the run, want about the worker's timeout of %s", took, faultTimeout)
	}
	if log := e.runLog(r.ID); !strings.Contains(log, "Interrupt received") || !strings.Contains(log, "aws_dynamodb_table.orders") {
		t.Errorf("the run log does not show the interrupted table creation:\n%s", log)
	}
	if e.proxy.count("dynamodb:CreateTable") < 3 {
		t.Errorf("%d throttled CreateTable calls, want the provider to have retried", e.proxy.count("dynamodb:CreateTable"))
	}
	e.locksReleased()
}

// worker is an in-process worker of the fault env's platform with the
// given run timeout (0: the default).
func (e *faultEnv) worker(timeout time.Duration) *run.Worker {
	tf := &tfrun.Terraform{Binary: e.tfBin, PluginMirror: tftest.Mirror(), WorkDir: e.t.TempDir(), StopGrace: 20 * time.Second}
	e.t.Cleanup(tf.Close)
	return &run.Worker{Service: e.p.runs.Service, ServerURL: e.p.srv.URL, Name: "faults", Timeout: timeout, Terraform: tf,
		Resolver: awsconn.Resolver{Sealer: e.p.runs.Sealer}, Log: slog.New(slog.NewTextHandler(os.Stderr, nil))}
}

// drive lets the worker claim the queued run and checks that it reached
// want.
func (e *faultEnv) drive(w *run.Worker, runID int64, want run.Status) *store.Run {
	e.t.Helper()
	if did, err := w.Once(context.Background()); !did || err != nil {
		e.t.Fatalf("worker: claimed %v, %v", did, err)
	}
	return e.status(runID, want, time.Second)
}

// approveAndApply approves a planned run, lets the worker apply it and
// returns the settled run and how long the apply took.
func (e *faultEnv) approveAndApply(w *run.Worker, runID int64) (*store.Run, time.Duration) {
	e.t.Helper()
	e.owner.mustDo(http.MethodPost, "/api/v1/runs/"+itoa(runID)+"/approve", nil, http.StatusOK, nil)
	start := time.Now()
	if _, err := w.Once(context.Background()); err != nil {
		e.t.Fatalf("worker: %v", err)
	}
	took := time.Since(start)
	return e.waitRun(runID, time.Second, "a settled run", func(r *store.Run) bool { return run.Status(r.Status).Final() }), took
}
