package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/syncloud/syncloud/internal/agent"
	"github.com/syncloud/syncloud/internal/kumotest"
	"github.com/syncloud/syncloud/internal/tftest"
)

// The conversation of the end-to-end tests (GitHub issue 4): a first ask
// that builds, and a second that edits what the first built.
const (
	e2ePrompt    = "a VPC 10.20.0.0/16 with two private subnets, a DynamoDB table called orders keyed by a string id, and a versioned S3 bucket for logs"
	e2eEdit      = "add a second table called refunds and turn off versioning on the logs bucket"
	e2eWorkspace = "e2e"
)

// builtInventory is what the first ask builds in the emulator (less
// kumotest.Gaps); editedInventory is the same after the second ask.
func builtInventory() kumotest.Inventory {
	return kumotest.Inventory{VPCs: []string{"10.20.0.0/16"}, Tagged: 1, Subnets: 2, Tables: []string{"orders"},
		Buckets: 1, Versioning: []string{"Enabled"}}
}

func editedInventory() kumotest.Inventory {
	inv := builtInventory()
	inv.Tables, inv.Versioning = []string{"orders", "refunds"}, []string{"Suspended"}
	return inv
}

// editAudit is what the audit log must record for the second ask's apply.
func editAudit() map[string][]string {
	return map[string][]string{"resource.create": {"aws_dynamodb_table.refunds"},
		"resource.update": {"aws_s3_bucket_versioning.logs"}}
}

// agentEnv is an agent installation for a test: its config file, work
// directory, Terraform and provider mirror, run in-process through run().
type agentEnv struct {
	t      *testing.T
	config string
	vars   map[string]string
}

func newAgentEnv(t *testing.T) *agentEnv {
	tf := tftest.Binary(t)
	// The machine's own AWS credentials, as the usual chain finds them:
	// Terraform inherits them from the agent's environment.
	t.Setenv("AWS_ACCESS_KEY_ID", "test")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test")
	t.Setenv("AWS_REGION", "us-east-1")
	dir := t.TempDir()
	return &agentEnv{t: t, config: filepath.Join(dir, "config", "agent.json"), vars: map[string]string{
		"SYNCLOUD_TERRAFORM": tf, "SYNCLOUD_TF_PLUGIN_MIRROR": tftest.Mirror(), "SYNCLOUD_AGENT_WORK_DIR": filepath.Join(dir, "work"),
		"SYNCLOUD_AGENT_CONFIG": filepath.Join(dir, "config", "agent.json")}}
}

// run runs one agent command and returns its exit code and output.
func (a *agentEnv) run(ctx context.Context, args ...string) (int, string) {
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: func(k string) string { return a.vars[k] }}
	code := run(ctx, args, e)
	if code != exitOK {
		a.t.Logf("syncloud-agent %s: exit %d\nstdout:\n%s\nstderr:\n%s", args[0], code, out.String(), errOut.String())
	}
	return code, out.String()
}

// must runs a command that has to succeed.
func (a *agentEnv) must(args ...string) string {
	a.t.Helper()
	code, out := a.run(context.Background(), args...)
	if code != exitOK {
		a.t.Fatalf("syncloud-agent %v: exit %d", args, code)
	}
	return out
}

// records splits --json output into its typed records.
func records(t *testing.T, out string) map[string][]map[string]any {
	t.Helper()
	recs := map[string][]map[string]any{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("output line %q is not JSON: %v", line, err)
		}
		typ, _ := m["type"].(string)
		recs[typ] = append(recs[typ], m)
	}
	return recs
}

// planSummary is the summary of the only plan record.
func planSummary(t *testing.T, recs map[string][]map[string]any) agent.Summary {
	t.Helper()
	if len(recs["plan"]) != 1 {
		t.Fatalf("%d plan records, want 1", len(recs["plan"]))
	}
	b, _ := json.Marshal(recs["plan"][0]["summary"])
	var s agent.Summary
	json.Unmarshal(b, &s)
	return s
}

// loginAndWorkspace logs the agent in and creates the agent-mode
// workspace against the emulator.
func loginAndWorkspace(t *testing.T, a *agentEnv, p *platform, endpoint string) {
	t.Helper()
	a.must("login", "--server", p.URL, "--api-key", p.Key, "--name", "e2e-laptop")
	st, err := os.Stat(a.config)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("config mode %v, want 0600", st.Mode().Perm())
	}
	first, _ := agent.LoadConfig(a.config)
	a.must("login", "--server", p.URL, "--api-key", p.Key)
	again, _ := agent.LoadConfig(a.config)
	if first.AgentID == 0 || again.AgentID != first.AgentID {
		t.Errorf("agent ID %d after a second login, want the registered %d kept", again.AgentID, first.AgentID)
	}
	a.must("workspace", "create", e2eWorkspace, "--aws-endpoint", endpoint, "--mode", "agent", "--region", "us-east-1")
}

// TestAgentAskApplyDestroy is the Local Agent's interactive flow against
// the kumo emulator with real Terraform: login, workspace, ask with
// --auto-approve (plan and apply on this machine, state on the platform),
// a second ask that edits (exactly one add and one change), then destroy
// (human output). After each apply the emulator is read with the AWS SDK
// and the platform's audit log is checked against the plan.
func TestAgentAskApplyDestroy(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	a := newAgentEnv(t)
	kumo := kumotest.Start(t)
	p := startPlatform(t)
	loginAndWorkspace(t, a, p, kumo.URL)
	c := p.client()

	recs := records(t, a.timed("first ask", "ask", "--workspace", e2eWorkspace, "--auto-approve", "--json", "--", e2ePrompt))
	first := planSummary(t, recs)
	if first.Add < 5 || first.Change != 0 || first.Destroy != 0 {
		t.Errorf("first plan %+v, want only additions (VPC, 2 subnets, table, bucket and its settings)", first)
	}
	p.checkAudit(t, c, checkApplied(t, recs))
	if diff := cmp.Diff(builtInventory(), kumo.Inventory(t)); diff != "" {
		t.Fatalf("emulator after the first apply (-want +got):\n%s", diff)
	}

	recs = records(t, a.timed("second ask", "ask", "--workspace", e2eWorkspace, "--auto-approve", "--json", "--", e2eEdit))
	if diff := cmp.Diff(agent.Summary{Add: 1, Change: 1}, planSummary(t, recs)); diff != "" {
		t.Errorf("second plan (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(editAudit(), p.checkAudit(t, c, checkApplied(t, recs))); diff != "" {
		t.Errorf("audited resources of the second apply (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(editedInventory(), kumo.Inventory(t)); diff != "" {
		t.Fatalf("emulator after the second apply (-want +got):\n%s", diff)
	}

	a.timed("destroy", "destroy", "--workspace", e2eWorkspace, "--auto-approve")
	p.checkDestroyed(t, c, kumo, first.Add+1)
	out := a.must("runs", "--workspace", e2eWorkspace, "--json")
	if n := strings.Count(out, `"status":"applied"`); n != 3 {
		t.Errorf("runs shows %d applied runs, want 3:\n%s", n, out)
	}
}

// timed runs a command that has to succeed and logs how long it took.
func (a *agentEnv) timed(step string, args ...string) string {
	a.t.Helper()
	start := time.Now()
	out := a.must(args...)
	a.t.Logf("%s: %s", step, time.Since(start).Round(time.Millisecond))
	return out
}

// checkApplied checks the live progress and the final record of an apply
// and returns the run's ID.
func checkApplied(t *testing.T, recs map[string][]map[string]any) int64 {
	t.Helper()
	done := 0
	for _, p := range recs["progress"] {
		if p["event"] == "apply_complete" {
			done++
		}
	}
	if done == 0 {
		t.Errorf("no apply_complete progress records")
	}
	last := recs["run"][len(recs["run"])-1]["run"].(map[string]any)
	if last["status"] != "applied" {
		t.Errorf("final run %v, want applied", last)
	}
	id, _ := last["id"].(float64)
	return int64(id)
}

// client is an API client of the platform with the owner's key.
func (p *platform) client() *agent.Client {
	return &agent.Client{Server: p.URL, APIKey: p.Key, Version: "test"}
}

// checkAudit checks that the audit log records exactly the resource
// changes of the run's plan, each with type, name, region and ID, and
// returns them by action.
func (p *platform) checkAudit(t *testing.T, c *agent.Client, runID int64) map[string][]string {
	t.Helper()
	plan, err := c.PlanJSON(context.Background(), runID)
	if err != nil {
		t.Fatalf("plan of run %d: %v", runID, err)
	}
	audited := kumotest.RunResources(t, p.db, p.OrgID, runID)
	if diff := cmp.Diff(kumotest.PlanActions(t, plan), audited); diff != "" {
		t.Errorf("run %d: audited resources differ from the plan (-plan +audit):\n%s", runID, diff)
	}
	return audited
}

// checkDestroyed checks the workspace's newest run: an applied destroy of
// n resources, each audited as deleted, and nothing left in the emulator.
func (p *platform) checkDestroyed(t *testing.T, c *agent.Client, kumo *kumotest.Emulator, n int) {
	t.Helper()
	ctx := context.Background()
	ws, err := c.WorkspaceByName(ctx, e2eWorkspace)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := c.Runs(ctx, ws.ID)
	if err != nil || len(rs) == 0 {
		t.Fatalf("runs: %v (%d)", err, len(rs))
	}
	d := rs[0]
	if d.Operation != "destroy" || d.Status != "applied" || d.Summary != (agent.Summary{Destroy: n}) {
		t.Errorf("newest run %s %s %+v, want an applied destroy of %d", d.Operation, d.Status, d.Summary, n)
	}
	if got := p.checkAudit(t, c, d.ID)["resource.delete"]; len(got) != n {
		t.Errorf("%d resources audited as deleted, want %d: %v", len(got), n, got)
	}
	if diff := cmp.Diff(kumotest.Inventory{}, kumo.Inventory(t)); diff != "" {
		t.Errorf("emulator after destroy (-want +got):\n%s", diff)
	}
}

// TestAgentServe drives agent-mode runs through `syncloud-agent serve`:
// the platform queues them, the daemon plans, the user approves on the
// platform, the daemon applies; a first ask builds and a second edits
// (exactly one add and one change). SIGTERM (context cancellation) ends
// the daemon with exit 0, and the CLI destroys what it built.
func TestAgentServe(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	a := newAgentEnv(t)
	kumo := kumotest.Start(t)
	p := startPlatform(t)
	loginAndWorkspace(t, a, p, kumo.URL)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var code int
	wg.Add(1)
	var serveOut, serveErr syncBuffer
	go func() {
		defer wg.Done()
		code = run(ctx, []string{"serve", "--verbose"}, &env{stdin: strings.NewReader(""), stdout: &serveOut, stderr: &serveErr,
			getenv: func(k string) string { return a.vars[k] }})
	}()
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("serve stdout:\n%s\nserve stderr:\n%s", serveOut.String(), serveErr.String())
		}
	})

	c := p.client()
	ws, err := c.WorkspaceByName(ctx, e2eWorkspace)
	if err != nil {
		t.Fatal(err)
	}
	first := serveAsk(t, c, ws.ID, e2ePrompt)
	p.checkAudit(t, c, first.ID)
	if diff := cmp.Diff(builtInventory(), kumo.Inventory(t)); diff != "" {
		t.Fatalf("emulator after the first served apply (-want +got):\n%s", diff)
	}
	edit := serveAsk(t, c, ws.ID, e2eEdit)
	if diff := cmp.Diff(agent.Summary{Add: 1, Change: 1}, edit.Summary); diff != "" {
		t.Errorf("second plan (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(editAudit(), p.checkAudit(t, c, edit.ID)); diff != "" {
		t.Errorf("audited resources of the second served apply (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(editedInventory(), kumo.Inventory(t)); diff != "" {
		t.Fatalf("emulator after the second served apply (-want +got):\n%s", diff)
	}
	cancel()
	wg.Wait()
	if code != exitOK {
		t.Errorf("serve exited %d after SIGTERM, want 0", code)
	}
	a.timed("destroy", "destroy", "--workspace", e2eWorkspace, "--auto-approve")
	p.checkDestroyed(t, c, kumo, first.Summary.Add+1)
}

// serveAsk asks on the platform, waits for the daemon to plan the run,
// approves it, waits for the daemon to apply it, and returns the run as
// planned.
func serveAsk(t *testing.T, c *agent.Client, wsID int64, prompt string) *agent.Run {
	t.Helper()
	start := time.Now()
	asked, err := c.Ask(context.Background(), wsID, prompt)
	if err != nil {
		t.Fatal(err)
	}
	id := asked.Run.ID
	planned := waitStatus(t, c, id, "planned")
	t.Logf("run %d planned by the daemon in %s", id, time.Since(start).Round(time.Millisecond))
	if _, err := c.Transition(context.Background(), id, "approve"); err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	waitStatus(t, c, id, "applied")
	t.Logf("run %d applied by the daemon in %s", id, time.Since(start).Round(time.Millisecond))
	return planned
}

func waitStatus(t *testing.T, c *agent.Client, runID int64, want string) *agent.Run {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Minute); time.Now().Before(deadline); time.Sleep(250 * time.Millisecond) {
		r, err := c.Run(context.Background(), runID)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status == want {
			return r
		}
		if r.Final() {
			t.Fatalf("run %d is %s, want %s: %s", runID, r.Status, want, r.Error)
		}
	}
	t.Fatalf("run %d did not become %s", runID, want)
	return nil
}

// syncBuffer is a bytes.Buffer that the daemon's goroutine writes while
// the test reads.
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
