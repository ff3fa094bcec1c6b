//go:build unix

package run_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/syncloud/syncloud/internal/audit"
	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/awsconn"
	"github.com/syncloud/syncloud/internal/kumotest"
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/lml/rules"
	"github.com/syncloud/syncloud/internal/run"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
	"github.com/syncloud/syncloud/internal/tfrun"
	"github.com/syncloud/syncloud/internal/tfstate"
	"github.com/syncloud/syncloud/internal/tftest"
	"github.com/syncloud/syncloud/internal/usage"
	"github.com/syncloud/syncloud/internal/web"
)

// overheadPrompt asks for ten resources the emulator handles: a VPC, a
// subnet, a security group with its egress rule, an S3 bucket with
// versioning, encryption and a public access block, a DynamoDB table and
// an SNS topic.
const overheadPrompt = "a VPC 10.40.0.0/16 with a private subnet and a security group, " +
	"a versioned S3 bucket for logs, a DynamoDB table called orders keyed by a string id, and an SNS topic called alerts"

// BenchmarkPlanOverhead compares, in one process on one machine, a bare
// `terraform init` + `terraform plan` of a configuration with the
// platform's whole plan path for the same configuration: queue, claim,
// render, init against the HTTP state backend (lock, state read, unlock)
// or the reuse of an earlier one, plan, `terraform show -json`, summary,
// the run log and the plan stored on the run. Both plan against kumo
// through AWS_ENDPOINT_URL with the same CLI configuration (plugin cache,
// provider mirror), alternately. It reports the wall time (bare-s,
// platform-s, overhead-%) and, steadier on a shared machine, the CPU time
// of this process and every Terraform and provider process (bare-cpu-s,
// platform-cpu-s, cpu-overhead-%), per plan; the platform's includes its
// schema server, the provider process `terraform show` attaches to.
//
//	TF_CLI_CONFIG_FILE=/tmp/terraformrc SYNCLOUD_TF_PLUGIN_MIRROR=/opt/tf-plugins \
//	  go test -run '^$' -bench BenchmarkPlanOverhead -benchtime 5x ./internal/run
func BenchmarkPlanOverhead(b *testing.B) {
	f := newOverheadFixture(b)
	f.platformPlan(b) // warm the plugin cache and the page cache for both paths
	f.barePlan(b)
	var bare, platform cost
	b.ResetTimer()
	for range b.N {
		bare.add(func() { f.barePlan(b) })
		platform.add(func() { f.platformPlan(b) })
	}
	// The provider process that `terraform show` attaches to outlives
	// the plans; stopping it counts its CPU time to the platform.
	platform.add(f.worker.Terraform.Close)
	n := float64(b.N)
	b.ReportMetric(bare.wall.Seconds()/n, "bare-s/op")
	b.ReportMetric(platform.wall.Seconds()/n, "platform-s/op")
	b.ReportMetric(100*(platform.wall.Seconds()-bare.wall.Seconds())/bare.wall.Seconds(), "overhead-%")
	b.ReportMetric(bare.cpu/n, "bare-cpu-s/op")
	b.ReportMetric(platform.cpu/n, "platform-cpu-s/op")
	b.ReportMetric(100*(platform.cpu-bare.cpu)/bare.cpu, "cpu-overhead-%")
}

// cost sums the wall time and the CPU time (this process and its waited
// children, Terraform's providers included) of repeated work.
type cost struct {
	wall time.Duration
	cpu  float64 // seconds
}

func (c *cost) add(work func()) {
	start, cpu := time.Now(), cpuSeconds()
	work()
	c.wall += time.Since(start)
	c.cpu += cpuSeconds() - cpu
}

// cpuSeconds is the user and system time of this process and of its
// children that have exited.
func cpuSeconds() float64 {
	var total float64
	for _, who := range []int{syscall.RUSAGE_SELF, syscall.RUSAGE_CHILDREN} {
		var ru syscall.Rusage
		if syscall.Getrusage(who, &ru) == nil {
			total += time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
		}
	}
	return total
}

// overheadFixture is a platform (database, state backend over HTTP, run
// service, worker) with one workspace whose spec is overheadPrompt.
type overheadFixture struct {
	svc    *run.Service
	worker *run.Worker
	by     auth.Principal
	wsID   int64
	tfBin  string
	env    map[string]string // the worker's Terraform environment, for the bare run
	last   *store.Run        // the last run the worker planned
}

func newOverheadFixture(b *testing.B) *overheadFixture {
	b.Helper()
	ctx := context.Background()
	f := &overheadFixture{tfBin: tftest.Binary(b)}
	emu := kumotest.Start(b)
	db := storetest.Open(b)
	srv, svc, cipher := startStateServer(b, db)
	f.svc = svc
	org := &store.Organization{Name: "bench"}
	if err := db.CreateOrganization(ctx, org); err != nil {
		b.Fatal(err)
	}
	f.by = auth.Principal{Kind: auth.KindUser, OrgID: org.ID, Role: auth.RoleOwner}
	conn := &store.AWSConnection{Name: "kumo", Kind: "endpoint", EndpointURL: emu.URL}
	if err := db.CreateAWSConnection(ctx, org.ID, conn); err != nil {
		b.Fatal(err)
	}
	ws, err := svc.CreateWorkspace(ctx, f.by, run.WorkspaceInput{Name: "bench", Region: kumotest.Region, ConnectionID: conn.ID})
	if err != nil {
		b.Fatal(err)
	}
	f.wsID = ws.ID
	r, res, err := svc.Ask(ctx, f.by, ws.ID, overheadPrompt)
	if err != nil {
		b.Fatal(err)
	}
	if n := len(res.Stack.Resources); n != 10 {
		b.Fatalf("the prompt made %d resources, want 10", n)
	}
	resolver := awsconn.Resolver{Sealer: cipher}
	f.worker = &run.Worker{Service: svc, Resolver: resolver, ServerURL: srv.URL, Name: "bench",
		Terraform: &tfrun.Terraform{Binary: f.tfBin, PluginMirror: tftest.Mirror(), WorkDir: b.TempDir()},
		Log:       slog.New(slog.NewTextHandler(io.Discard, nil))}
	b.Cleanup(f.worker.Terraform.Close)
	f.claim(b, r.ID)
	env, err := resolver.Resolve(ctx, conn, "bench")
	if err != nil {
		b.Fatal(err)
	}
	f.env = env.Vars
	return f
}

// startStateServer serves the platform's API (the state backend among it)
// over the database.
func startStateServer(b *testing.B, db *store.DB) (*httptest.Server, *run.Service, *tfstate.Cipher) {
	b.Helper()
	_, key, _ := ed25519.GenerateKey(nil)
	aw, err := audit.NewWriter(db, audit.Options{SigningKey: key})
	if err != nil {
		b.Fatal(err)
	}
	bridge := web.AuditBridge{Writer: aw}
	authSvc, err := auth.New(auth.Config{DB: db, Audit: bridge, Secret: bytes.Repeat([]byte("s"), 32), BaseURL: "http://portal.test"})
	if err != nil {
		b.Fatal(err)
	}
	cipher, err := tfstate.NewCipher(bytes.Repeat([]byte{5}, tfstate.KeySize))
	if err != nil {
		b.Fatal(err)
	}
	meter := usage.New(db, usage.Options{})
	gen := &lml.Generator{Engine: kumotest.Engine{Engine: rules.Engine{}}}
	svc := &run.Service{DB: db, Audit: aw, Generator: gen, State: &tfstate.Backend{DB: db, Cipher: cipher}}
	srv := httptest.NewServer(web.New(web.Deps{MapError: web.MapDomainError, Auth: authSvc, Services: authSvc, DB: db,
		Audit: bridge, Meter: web.UsageMeter{Meter: meter}, Usage: meter, Generator: web.LMLGenerator{Pipeline: gen},
		Runs: &web.RunDeps{Sealer: cipher, Service: svc}}))
	b.Cleanup(func() {
		srv.Close()
		meter.Close(context.Background())
		aw.Close(context.Background())
	})
	return srv, svc, cipher
}

// platformPlan queues a plan of the workspace's spec and lets the worker
// take it to planned.
func (f *overheadFixture) platformPlan(b *testing.B) {
	b.Helper()
	r, err := f.svc.Queue(context.Background(), f.by, f.wsID, run.OpApply)
	if err != nil {
		b.Fatal(err)
	}
	f.claim(b, r.ID)
}

// claim runs the worker once and checks that it planned runID.
func (f *overheadFixture) claim(b *testing.B, runID int64) {
	b.Helper()
	ctx := context.Background()
	if did, err := f.worker.Once(ctx); !did || err != nil {
		b.Fatalf("worker: claimed %v, %v", did, err)
	}
	r, err := f.svc.DB.Run(ctx, f.by.OrgID, runID)
	if err != nil {
		b.Fatal(err)
	}
	if run.Status(r.Status) != run.Planned || r.PlanAdd != 10 {
		b.Fatalf("run %d is %s (+%d): %s", r.ID, r.Status, r.PlanAdd, r.Error)
	}
	f.last = r
}

// barePlan plans the last planned run's configuration, without its
// backend block, in a fresh directory with plain terraform.
func (f *overheadFixture) barePlan(b *testing.B) {
	b.Helper()
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf.json"), f.bareConfig(b), 0o600); err != nil {
		b.Fatal(err)
	}
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "CHECKPOINT_DISABLE=1",
		"TF_CLI_CONFIG_FILE=" + filepath.Join(f.worker.Terraform.WorkDir, "terraform.rc")}
	for k, v := range f.env {
		env = append(env, k+"="+v)
	}
	for _, args := range [][]string{{"init", "-input=false"}, {"plan", "-input=false", "-out=bare.tfplan"}} {
		cmd := exec.Command(f.tfBin, args...)
		cmd.Dir, cmd.Env = dir, env
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("terraform %s: %v\n%s", args[0], err, out)
		}
	}
}

// bareConfig is the workspace's latest run configuration with the
// backend block taken out (the bare run keeps its state locally).
func (f *overheadFixture) bareConfig(b *testing.B) []byte {
	b.Helper()
	files, err := run.DecodeFiles(f.last.Config)
	if err != nil {
		b.Fatal(err)
	}
	var cfg map[string]any
	if err := json.Unmarshal(files["main.tf.json"], &cfg); err != nil {
		b.Fatal(err)
	}
	tf, _ := cfg["terraform"].(map[string]any)
	if _, ok := tf["backend"]; !ok || len(files) != 1 {
		b.Fatalf("unexpected run configuration: %d files, terraform block %v", len(files), tf)
	}
	delete(tf, "backend")
	out, err := json.Marshal(cfg)
	if err != nil {
		b.Fatal(err)
	}
	return out
}
