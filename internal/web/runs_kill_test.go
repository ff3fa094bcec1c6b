package web

import (
	"bytes"
	"context"
	"net/http"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/syncloud/syncloud/internal/kumotest"
	"github.com/syncloud/syncloud/internal/run"
	"github.com/syncloud/syncloud/internal/store"
)

// TestWorkerKilledMidApply kills the worker process with SIGKILL while
// Terraform applies, before Terraform's first state push (every 20 s): the
// VPC, the bucket and the table exist in the emulator and the subnets are
// held at the proxy. The lease expires, the reaper marks the run errored
// and frees the locks. The next plan of the same spec finds what the
// killed run created by its tags and imports it instead of creating it
// again, and its apply ends with exactly one of each resource.
func TestWorkerKilledMidApply(t *testing.T) {
	t.Parallel()
	e := newFaultEnv(t)
	w := e.startWorker()
	e.status(e.runID, run.Planned, 2*time.Minute)
	e.proxy.set(map[string]fault{"ec2:CreateSubnet": {Delay: -1}})
	e.owner.mustDo(http.MethodPost, "/api/v1/runs/"+itoa(e.runID)+"/approve", nil, http.StatusOK, nil)
	e.waitRun(e.runID, 2*time.Minute, "the VPC, table and bucket to exist", func(r *store.Run) bool {
		inv := e.kumo.Inventory(t)
		return run.Status(r.Status) == run.Applying && e.proxy.count("ec2:CreateSubnet") > 0 &&
			len(inv.Tables) == 1 && inv.Buckets == 1
	})
	if err := w.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-w.done
	killed := time.Now()
	var orphans []string // created in the emulator, not in the state
	for _, typ := range []string{"aws_vpc", "aws_s3_bucket", "aws_dynamodb_table"} {
		if !e.stateHas(typ) {
			orphans = append(orphans, typ)
		}
	}
	t.Logf("SIGKILL to the worker process; not in the state: %v", orphans)
	if len(orphans) == 0 {
		t.Fatal("Terraform had pushed the state of everything before the kill: nothing to adopt, the test proves nothing")
	}
	if _, err := e.p.db.StateLockOf(context.Background(), e.owner.org, e.wsID); err != nil {
		t.Errorf("state lock after the kill: %v, want the dead Terraform's lock still held", err)
	}
	r := e.waitRun(e.runID, time.Minute, "the reaper", func(*store.Run) bool {
		n, err := e.p.runs.Service.Reap(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return n > 0
	})
	r = e.status(r.ID, run.Errored, time.Second)
	t.Logf("reaped %s after the kill: %s", time.Since(killed).Round(time.Millisecond), r.Error)
	if !strings.Contains(r.Error, "lease expired") || !strings.Contains(r.Error, "partial state is kept") {
		t.Errorf("reaped run's error = %q", r.Error)
	}
	e.locksReleased()
	if vpcs, subnets := e.tagged(); vpcs != 1 || subnets != 0 {
		t.Fatalf("after the kill the emulator has %d VPCs and %d subnets tagged for the workspace, want 1 and 0", vpcs, subnets)
	}

	e.proxy.set(nil)
	var again runView
	e.owner.mustDo(http.MethodPost, "/api/v1/workspaces/"+itoa(e.wsID)+"/runs", map[string]any{"operation": "apply"}, http.StatusCreated, &again)
	e.startWorker()
	planned := e.status(again.ID, run.Planned, 2*time.Minute)
	t.Logf("re-plan: %d to import, %d to add, %d to change, %d to destroy", planned.PlanImport, planned.PlanAdd, planned.PlanChange, planned.PlanDestroy)
	actions := kumotest.PlanActions(t, []byte(planned.PlanJSON))
	var imported []string
	for _, addr := range actions["resource.import"] {
		typ, _, _ := strings.Cut(addr, ".")
		imported = append(imported, typ)
	}
	slices.Sort(imported)
	slices.Sort(orphans)
	if !slices.Equal(imported, orphans) || planned.PlanImport != len(orphans) {
		t.Errorf("re-plan imports %v (%d), want %v", actions["resource.import"], planned.PlanImport, orphans)
	}
	for _, addr := range actions["resource.create"] {
		if typ, _, _ := strings.Cut(addr, "."); slices.Contains(orphans, typ) {
			t.Errorf("re-plan creates %s again", addr)
		}
	}
	if planned.PlanDestroy != 0 || !slices.Contains(actions["resource.create"], "aws_subnet.private_a") {
		t.Errorf("re-plan %v, want the subnets created and nothing destroyed", actions)
	}
	if log := e.runLog(again.ID); !strings.Contains(log, "importing it instead of creating another") {
		t.Errorf("the re-plan's log does not say what it adopts:\n%s", log)
	}
	e.owner.mustDo(http.MethodPost, "/api/v1/runs/"+itoa(again.ID)+"/approve", nil, http.StatusOK, nil)
	e.status(again.ID, run.Applied, 2*time.Minute)
	if vpcs, subnets := e.tagged(); vpcs != 1 || subnets != 2 {
		t.Errorf("after the re-run: %d VPCs and %d subnets tagged for the workspace, want 1 and 2", vpcs, subnets)
	}
	inv := e.kumo.Inventory(t)
	if len(inv.Tables) != 1 || inv.Buckets != 1 || inv.Tagged != 1 {
		t.Errorf("after the re-run the emulator has %+v, want one tagged VPC, one table, one bucket", inv)
	}
	if diff := cmp.Diff(kumotest.PlanActions(t, []byte(planned.PlanJSON)), kumotest.RunResources(t, e.p.db, e.owner.org, again.ID)); diff != "" {
		t.Errorf("audited resources of the re-run differ from its plan (-plan +audit):\n%s", diff)
	}
}

// TestWorkerStoppedMidApply sends SIGTERM to the worker process while
// Terraform applies (the subnets held at the proxy): Terraform gets an
// interrupt, pushes the state it has at once (no 20 s wait), releases the
// state lock, and the run ends errored as cancelled; the worker process
// exits by itself.
func TestWorkerStoppedMidApply(t *testing.T) {
	t.Parallel()
	e := newFaultEnv(t)
	w := e.startWorker()
	e.status(e.runID, run.Planned, 2*time.Minute)
	e.proxy.set(map[string]fault{"ec2:CreateSubnet": {Delay: -1}})
	e.owner.mustDo(http.MethodPost, "/api/v1/runs/"+itoa(e.runID)+"/approve", nil, http.StatusOK, nil)
	e.waitRun(e.runID, 2*time.Minute, "the VPC and table to exist", func(r *store.Run) bool {
		vpcs, _ := e.tagged()
		return run.Status(r.Status) == run.Applying && vpcs == 1 && e.proxy.count("ec2:CreateSubnet") > 0 &&
			e.proxy.count("dynamodb:DescribeTable") > 0
	})
	if e.stateHas("aws_vpc") {
		t.Log("the state was already pushed before SIGTERM (the apply took over 20 s)")
	}
	stopped := time.Now()
	if err := w.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-w.done:
		if w.err != nil {
			t.Errorf("worker process after SIGTERM: %v, want a clean exit", w.err)
		}
	case <-time.After(90 * time.Second):
		t.Fatal("the worker process did not exit within 90 s of SIGTERM")
	}
	t.Logf("worker exited %s after SIGTERM", time.Since(stopped).Round(time.Millisecond))
	r := e.status(e.runID, run.Errored, time.Second)
	if !strings.Contains(r.Error, "cancelled") {
		t.Errorf("run error = %q, want it to say the run was cancelled", r.Error)
	}
	log := e.runLog(e.runID)
	if !strings.Contains(log, "Interrupt received") {
		t.Errorf("the run log does not show Terraform's interrupt:\n%s", log)
	}
	if !e.stateHas("aws_vpc", "aws_dynamodb_table") {
		t.Errorf("the state has not the resources created before SIGTERM; log:\n%s", log)
	}
	e.locksReleased()
}

// syncBuffer is a bytes.Buffer safe for a process's stdout and stderr.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
