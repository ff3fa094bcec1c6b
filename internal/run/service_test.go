package run

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/syncloud/syncloud/internal/audit"
	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
	"github.com/syncloud/syncloud/internal/tfrun"
	"github.com/syncloud/syncloud/internal/tfstate"
)

// recorder is an Auditor that keeps the events in memory.
type recorder struct {
	mu     sync.Mutex
	events []audit.Event
}

func (r *recorder) Append(_ context.Context, ev audit.Event) (audit.Record, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, ev)
	return audit.Record{}, nil
}

func (r *recorder) actions() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, e := range r.events {
		out = append(out, e.Action)
	}
	return out
}

type fixture struct {
	svc *Service
	rec *recorder
	p   auth.Principal
	ws  *store.Workspace
}

const bucketSpec = `{"region":"us-east-1","resources":[{"mode":"managed","type":"aws_s3_bucket","name":"logs","body":{"attrs":[{"name":"bucket","value":"logs"}]}}]}`

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t)
	c, err := tfstate.NewCipher(bytes.Repeat([]byte{9}, tfstate.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{rec: &recorder{}}
	f.svc = &Service{DB: db, Audit: f.rec, State: &tfstate.Backend{DB: db, Cipher: c}}
	o := &store.Organization{Name: "acme"}
	if err := db.CreateOrganization(ctx, o); err != nil {
		t.Fatal(err)
	}
	f.p = auth.Principal{Kind: auth.KindUser, OrgID: o.ID, Role: auth.RoleOwner}
	if f.ws, err = f.svc.CreateWorkspace(ctx, f.p, WorkspaceInput{Name: "prod"}); err != nil {
		t.Fatal(err)
	}
	if err := db.SetWorkspaceSpec(ctx, o.ID, f.ws.ID, bucketSpec, time.Now()); err != nil {
		t.Fatal(err)
	}
	return f
}

// planned queues a run, claims it as a worker would and stores a plan.
func (f *fixture) planned(t *testing.T) *store.Run {
	t.Helper()
	ctx := context.Background()
	r, err := f.svc.Queue(ctx, f.p, f.ws.ID, OpApply)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	claimed, err := f.svc.DB.ClaimRun(ctx, store.RunClaim{Mode: "platform", RunID: r.ID, Worker: "w", Now: now, Until: now.Add(time.Minute)})
	if err != nil || claimed.Status != string(Planning) {
		t.Fatalf("claim: %+v, %v", claimed, err)
	}
	file := []byte("a saved plan")
	res := &tfrun.PlanResult{Plan: &tfjson.Plan{}, JSON: []byte(`{"format_version":"1.2"}`), File: file, SHA256: tfrun.SHA256Hex(file)}
	if err := f.svc.storePlan(ctx, claimed, Files{"main.tf.json": []byte("{}")}, res, -1); err != nil {
		t.Fatal(err)
	}
	return claimed
}

// worker is a worker whose Terraform cannot run: the checks under test
// must refuse before Terraform would start.
func (f *fixture) worker() *Worker {
	return &Worker{Service: f.svc, Terraform: &tfrun.Terraform{Binary: "/nonexistent/terraform", WorkDir: "/nonexistent"},
		ServerURL: "http://127.0.0.1:1", Name: "w", Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

// TestStateMachine walks a run through its transitions and the refusals
// on the way.
func TestStateMachine(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	first := f.planned(t)
	if _, err := f.svc.Discard(ctx, f.p, first.ID); err != nil {
		t.Fatalf("discard planned: %v", err)
	}
	if _, err := f.svc.Approve(ctx, f.p, first.ID); !errors.Is(err, store.ErrConflict) {
		t.Errorf("approve a discarded run: %v, want conflict", err)
	}
	a, b := f.planned(t), f.planned(t)
	got, err := f.svc.Approve(ctx, f.p, a.ID)
	if err != nil || got.Status != string(Approved) || got.Fence == 0 {
		t.Fatalf("approve: %+v, %v", got, err)
	}
	if _, err := f.svc.Approve(ctx, f.p, b.ID); !errors.Is(err, store.ErrConflict) ||
		err.Error() != "another run is applying in this workspace: wait for it to end, or discard it if it has not started" {
		t.Errorf("a second apply in the workspace: %v, want conflict (409) saying why", err)
	}
	if _, err := f.svc.Discard(ctx, f.p, a.ID); err != nil {
		t.Fatalf("discard approved: %v", err)
	}
	if _, err := f.svc.Approve(ctx, f.p, b.ID); err != nil {
		t.Errorf("approve after the lease was released: %v", err)
	}
	other := auth.Principal{Kind: auth.KindUser, OrgID: f.p.OrgID + 1000, Role: auth.RoleOwner}
	if _, err := f.svc.Approve(ctx, other, b.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("approve as another org: %v, want not found", err)
	}
	want := "workspace.create run.queue run.plan run.discard run.queue run.plan run.queue run.plan run.approve run.discard run.approve"
	if got := strings.Join(f.rec.actions(), " "); got != want {
		t.Errorf("audit actions:\n got %s\nwant %s", got, want)
	}
}

// TestApplyRefusals: an approved run whose stored plan file no longer
// matches its SHA-256, or whose workspace state moved since the plan, is
// errored without running Terraform, and the apply lease is released.
func TestApplyRefusals(t *testing.T) {
	tests := []struct {
		name   string
		tamper func(t *testing.T, f *fixture, r *store.Run)
		want   string
	}{
		{"plan file altered", func(t *testing.T, f *fixture, r *store.Run) {
			if _, err := f.svc.DB.Raw().Exec(`UPDATE runs SET plan_file = $1 WHERE id = $2`, []byte("another plan"), r.ID); err != nil {
				t.Fatal(err)
			}
		}, ErrPlanHash.Error()},
		{"state moved", func(t *testing.T, f *fixture, r *store.Run) {
			st := []byte(`{"version":4,"serial":1,"lineage":"x","resources":[]}`)
			if err := f.svc.State.Put(context.Background(), f.p.OrgID, f.ws.ID, tfstate.Writer{}, st); err != nil {
				t.Fatal(err)
			}
		}, ErrStateMoved.Error()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			ctx := context.Background()
			r := f.planned(t)
			if _, err := f.svc.Approve(ctx, f.p, r.ID); err != nil {
				t.Fatal(err)
			}
			tt.tamper(t, f, r)
			if did, err := f.worker().Once(ctx); !did || err != nil {
				t.Fatalf("Once = %v, %v", did, err)
			}
			got, err := f.svc.DB.Run(ctx, f.p.OrgID, r.ID)
			if err != nil || got.Status != string(Errored) || !strings.Contains(got.Error, tt.want) {
				t.Fatalf("run after apply = %q %q, %v; want errored with %q", got.Status, got.Error, err, tt.want)
			}
			ws, _ := f.svc.DB.Workspace(ctx, f.p.OrgID, f.ws.ID)
			if ws.ApplyRunID != 0 {
				t.Errorf("apply lease still held by run %d", ws.ApplyRunID)
			}
		})
	}
}

// TestReap marks errored a run whose worker stopped renewing its lease.
func TestReap(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r, err := f.svc.Queue(ctx, f.p, f.ws.ID, OpApply)
	if err != nil {
		t.Fatal(err)
	}
	past := time.Now().Add(-time.Hour)
	if _, err := f.svc.DB.ClaimRun(ctx, store.RunClaim{Mode: "platform", Worker: "dead", Now: past, Until: past.Add(time.Minute)}); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.State.Lock(ctx, f.p.OrgID, f.ws.ID, []byte(`{"ID":"left-behind"}`)); err != nil {
		t.Fatal(err)
	}
	if n, err := f.svc.Reap(ctx); n != 1 || err != nil {
		t.Fatalf("Reap = %d, %v; want 1", n, err)
	}
	got, _ := f.svc.DB.Run(ctx, f.p.OrgID, r.ID)
	if got.Status != string(Errored) {
		t.Errorf("reaped run is %s", got.Status)
	}
	if err := f.svc.State.Lock(ctx, f.p.OrgID, f.ws.ID, []byte(`{"ID":"next"}`)); err != nil {
		t.Errorf("lock after reaping: %v", err)
	}
}

// statusAtAppend is an Auditor that notes the run's status as each event
// is appended.
type statusAtAppend struct {
	db     *store.DB
	orgID  int64
	runID  int64
	seen   map[string]string
	failed error
}

func (s *statusAtAppend) Append(ctx context.Context, ev audit.Event) (audit.Record, error) {
	r, err := s.db.Run(ctx, s.orgID, s.runID)
	if err != nil {
		s.failed = err
		return audit.Record{}, err
	}
	s.seen[ev.Action] = r.Status
	return audit.Record{}, nil
}

// TestAppliedAfterAudit: a run reads "applied" only once its apply is in
// the audit log, so a reader that sees the status sees the events.
func TestAppliedAfterAudit(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := f.planned(t)
	if _, err := f.svc.Approve(ctx, f.p, r.ID); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	applying, err := f.svc.DB.ClaimRun(ctx, store.RunClaim{Mode: "platform", RunID: r.ID, Worker: "w", Now: now, Until: now.Add(time.Minute)})
	if err != nil || applying.Status != string(Applying) {
		t.Fatalf("claim approved run: %+v, %v", applying, err)
	}
	rec := &statusAtAppend{db: f.svc.DB, orgID: f.p.OrgID, runID: r.ID, seen: map[string]string{}}
	f.svc.Audit = rec
	if err := f.svc.finishApply(ctx, applying, f.ws, nil); err != nil {
		t.Fatal(err)
	}
	if rec.failed != nil {
		t.Fatal(rec.failed)
	}
	if got := rec.seen["run.apply"]; got != string(Applying) {
		t.Errorf("run status when run.apply was appended = %q, want %q", got, Applying)
	}
	got, _ := f.svc.DB.Run(ctx, f.p.OrgID, r.ID)
	if got.Status != string(Applied) {
		t.Errorf("run after finishApply is %s, want applied", got.Status)
	}
}
