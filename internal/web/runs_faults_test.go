package web

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/syncloud/syncloud/internal/audit"
	"github.com/syncloud/syncloud/internal/awsconn"
	"github.com/syncloud/syncloud/internal/kumotest"
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/lml/rules"
	"github.com/syncloud/syncloud/internal/run"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/tfrun"
	"github.com/syncloud/syncloud/internal/tfstate"
	"github.com/syncloud/syncloud/internal/tftest"
)

// The fault tests run the platform's worker in a separate process (this
// test binary again, as TestFaultWorkerProcess) so that it can be killed
// with SIGKILL or stopped with SIGTERM in the middle of an apply, against
// the kumo emulator behind a proxy that holds or fails chosen API calls.
const (
	envFaultWorker = "SYNCLOUD_FAULT_WORKER" // set in the worker process: the JSON of its faultWorker
	faultPrompt    = "a VPC 10.30.0.0/16 with two private subnets, a DynamoDB table called orders keyed by a string id, and a versioned S3 bucket for logs"
	faultLease     = 3 * time.Second
)

// faultWorker is what the worker process needs to join the test's
// platform: its database, its URL and where Terraform is.
type faultWorker struct {
	DB        store.Config
	ServerURL string
	Terraform string
	Mirror    string
	WorkDir   string
}

// TestFaultWorkerProcess is not a test: it is the body of the worker
// process the fault tests start, and returns at once otherwise.
func TestFaultWorkerProcess(t *testing.T) {
	raw := os.Getenv(envFaultWorker)
	if raw == "" {
		return
	}
	var c faultWorker
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		t.Fatal(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	go exitWithParent(os.Getppid())
	db, err := store.Open(ctx, c.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, key, _ := ed25519.GenerateKey(nil)
	aw, err := audit.NewWriter(db, audit.Options{SigningKey: key})
	if err != nil {
		t.Fatal(err)
	}
	defer aw.Close(context.Background())
	cipher, err := tfstate.NewCipher(bytes.Repeat([]byte{3}, tfstate.KeySize)) // testRunDeps' key
	if err != nil {
		t.Fatal(err)
	}
	w := &run.Worker{Service: &run.Service{DB: db, Audit: aw, State: &tfstate.Backend{DB: db, Cipher: cipher}},
		Terraform: &tfrun.Terraform{Binary: c.Terraform, PluginMirror: c.Mirror, WorkDir: c.WorkDir, StopGrace: 30 * time.Second},
		Resolver:  awsconn.Resolver{Sealer: cipher}, ServerURL: c.ServerURL, Name: "fault-worker",
		Poll: 200 * time.Millisecond, Lease: faultLease, Log: slog.New(slog.NewTextHandler(os.Stderr, nil))}
	defer w.Terraform.Close()
	w.Serve(ctx)
}

// exitWithParent ends the worker process when the test that started it
// has gone without stopping it (a crash or a timeout).
func exitWithParent(ppid int) {
	for range time.Tick(time.Second) {
		if os.Getppid() != ppid {
			os.Exit(2)
		}
	}
}

// faultEnv is one fault test's world: kumo behind the fault proxy, the
// platform in this process, a workspace asked for faultPrompt, and the
// worker process.
type faultEnv struct {
	t     *testing.T
	p     *platform
	owner *client
	proxy *faultProxy
	kumo  *kumotest.Emulator
	tfBin string
	// workDir is the worker processes' Terraform directory, shared so
	// that a later process reuses the init of an earlier one.
	workDir string
	wsID    int64
	runID   int64
}

func newFaultEnv(t *testing.T) *faultEnv {
	t.Helper()
	e := &faultEnv{t: t, tfBin: tftest.Binary(t), workDir: t.TempDir()}
	e.kumo = kumotest.Start(t)
	e.proxy = startFaultProxy(t, e.kumo.URL)
	e.p = newPlatform(t)
	e.p.runs.Service.Generator = &lml.Generator{Engine: kumotest.Engine{Engine: rules.Engine{}}}
	e.owner = e.p.register("faults@example.com")
	var conn connectionView
	e.owner.mustDo(http.MethodPost, "/api/v1/connections", map[string]any{"name": "kumo", "kind": "endpoint", "endpoint_url": e.proxy.URL}, http.StatusCreated, &conn)
	var ws workspaceView
	e.owner.mustDo(http.MethodPost, "/api/v1/workspaces", map[string]any{"name": "faults", "region": "us-east-1", "connection_id": conn.ID}, http.StatusCreated, &ws)
	e.wsID = ws.ID
	var asked askResponse
	e.owner.mustDo(http.MethodPost, "/api/v1/workspaces/"+itoa(ws.ID)+"/ask", map[string]any{"prompt": faultPrompt}, http.StatusAccepted, &asked)
	e.runID = asked.Run.ID
	return e
}

// workerProc is a running worker process.
type workerProc struct {
	cmd  *exec.Cmd
	done chan struct{} // closed when it has exited, err then set
	err  error
}

// startWorker starts a worker process, killed when the test ends.
func (e *faultEnv) startWorker() *workerProc {
	e.t.Helper()
	cfg, err := json.Marshal(faultWorker{DB: e.p.db.Config(), ServerURL: e.p.srv.URL, Terraform: e.tfBin,
		Mirror: tftest.Mirror(), WorkDir: e.workDir})
	if err != nil {
		e.t.Fatal(err)
	}
	w := &workerProc{cmd: exec.Command(os.Args[0], "-test.run=^TestFaultWorkerProcess$", "-test.v"), done: make(chan struct{})}
	w.cmd.Env = append(os.Environ(), envFaultWorker+"="+string(cfg))
	var out syncBuffer
	w.cmd.Stdout, w.cmd.Stderr = &out, &out
	if err := w.cmd.Start(); err != nil {
		e.t.Fatalf("start worker process: %v", err)
	}
	go func() { w.err = w.cmd.Wait(); close(w.done) }()
	e.t.Cleanup(func() {
		w.cmd.Process.Kill()
		<-w.done
		if e.t.Failed() {
			e.t.Logf("worker process output:\n%s", out.String())
		}
	})
	return w
}

// waitRun polls the run until ok accepts it, failing after limit.
func (e *faultEnv) waitRun(runID int64, limit time.Duration, what string, ok func(*store.Run) bool) *store.Run {
	e.t.Helper()
	for deadline := time.Now().Add(limit); ; {
		r, err := e.p.db.Run(context.Background(), e.owner.org, runID)
		if err != nil {
			e.t.Fatal(err)
		}
		if ok(r) {
			return r
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("run %d is %s after %s, waiting for %s (error %q)", runID, r.Status, limit, what, r.Error)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// status waits for the run to reach want, failing if it settles otherwise.
func (e *faultEnv) status(runID int64, want run.Status, limit time.Duration) *store.Run {
	e.t.Helper()
	r := e.waitRun(runID, limit, string(want), func(r *store.Run) bool {
		return run.Status(r.Status) == want || run.Status(r.Status).Final()
	})
	if run.Status(r.Status) != want {
		e.t.Fatalf("run %d is %s, want %s: %s", runID, r.Status, want, r.Error)
	}
	return r
}

// stateHas reports whether the workspace's latest state holds a resource
// of each type.
func (e *faultEnv) stateHas(types ...string) bool {
	e.t.Helper()
	st, err := e.p.runs.Service.State.Get(context.Background(), e.owner.org, e.wsID)
	if errors.Is(err, tfstate.ErrNoState) {
		return false
	}
	if err != nil {
		e.t.Fatal(err)
	}
	res, err := tfstate.Resources(st)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, typ := range types {
		found := false
		for addr := range res {
			found = found || strings.HasPrefix(addr, typ+".")
		}
		if !found {
			return false
		}
	}
	return true
}

// runLog is the run's whole log.
func (e *faultEnv) runLog(runID int64) string {
	e.t.Helper()
	var page logPage
	e.owner.mustDo(http.MethodGet, "/api/v1/runs/"+itoa(runID)+"/logs", nil, http.StatusOK, &page)
	var b strings.Builder
	for _, c := range page.Chunks {
		b.WriteString(c.Text)
	}
	return b.String()
}

// locksReleased fails unless the workspace's state lock and apply lease
// are both free.
func (e *faultEnv) locksReleased() {
	e.t.Helper()
	ctx := context.Background()
	if l, err := e.p.db.StateLockOf(ctx, e.owner.org, e.wsID); !errors.Is(err, store.ErrNotFound) {
		e.t.Errorf("state lock still held: %+v, %v", l, err)
	}
	ws, err := e.p.db.Workspace(ctx, e.owner.org, e.wsID)
	if err != nil {
		e.t.Fatal(err)
	}
	if ws.ApplyRunID != 0 {
		e.t.Errorf("apply lease still held by run %d", ws.ApplyRunID)
	}
}

// tagged counts the emulator's VPCs and subnets carrying the workspace's
// default tags: what SynCloud made there, whatever its state says.
func (e *faultEnv) tagged() (vpcs, subnets int) {
	e.t.Helper()
	ctx := context.Background()
	c := e.kumo.Clients().EC2
	filters := []ec2types.Filter{{Name: aws.String("tag:syncloud:workspace"), Values: []string{itoa(e.wsID)}},
		{Name: aws.String("tag:managed-by"), Values: []string{"syncloud"}}}
	v, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: filters})
	if err != nil {
		e.t.Fatalf("DescribeVpcs: %v", err)
	}
	s, err := c.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{Filters: filters})
	if err != nil {
		e.t.Fatalf("DescribeSubnets: %v", err)
	}
	return len(v.Vpcs), len(s.Subnets)
}
