package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/syncloud/syncloud/internal/agent"
	"github.com/syncloud/syncloud/internal/kumotest"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/tfstate"
)

// TestAgentStoppedMidApply stops `syncloud-agent serve` (its context, as
// SIGTERM does) while Terraform applies: once the table exists and the
// VPC is still being created (kumo takes about 10 s over it). Terraform
// is interrupted, pushes the state it has, unlocks it, and the agent
// reports the run errored as cancelled before it exits 0.
func TestAgentStoppedMidApply(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	a := newAgentEnv(t)
	kumo := kumotest.Start(t)
	p := startPlatform(t)
	loginAndWorkspace(t, a, p, kumo.URL)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut syncBuffer
	code, done := -1, make(chan struct{})
	go func() {
		defer close(done)
		code = run(ctx, []string{"serve", "--verbose"}, &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut,
			getenv: func(k string) string { return a.vars[k] }})
	}()
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("serve stdout:\n%s\nserve stderr:\n%s", out.String(), errOut.String())
		}
	})
	c := p.client()
	ws, id := applyingWithTable(t, c, kumo)
	cancel()
	<-done
	if code != exitOK {
		t.Errorf("serve exited %d after SIGTERM, want 0", code)
	}
	r, err := c.Run(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != "errored" || !strings.Contains(r.Error, "cancelled: the agent was stopped") {
		t.Errorf("run %d is %s with error %q, want errored, cancelled", id, r.Status, r.Error)
	}
	checkStateAfterStop(t, p, ws.ID)
}

// applyingWithTable asks for e2ePrompt in the e2e workspace, waits for
// the serving agent to plan it, approves it, and returns once the agent
// applies it and the emulator has the table: the workspace and the run.
func applyingWithTable(t *testing.T, c *agent.Client, kumo *kumotest.Emulator) (*agent.Workspace, int64) {
	t.Helper()
	ctx := context.Background()
	ws, err := c.WorkspaceByName(ctx, e2eWorkspace)
	if err != nil {
		t.Fatal(err)
	}
	asked, err := c.Ask(ctx, ws.ID, e2ePrompt)
	if err != nil {
		t.Fatal(err)
	}
	runID := asked.Run.ID
	waitStatus(t, c, runID, "planned")
	if _, err := c.Transition(ctx, runID, "approve"); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(3 * time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		r, err := c.Run(context.Background(), runID)
		if err != nil {
			t.Fatal(err)
		}
		if r.Final() {
			t.Fatalf("run %d is %s before it could be stopped mid-apply: %s", runID, r.Status, r.Error)
		}
		if r.Status == "applying" && len(kumo.Inventory(t).Tables) == 1 {
			return ws, runID
		}
	}
	t.Fatalf("run %d did not start applying", runID)
	return nil, 0
}

// checkStateAfterStop finds the table in the state the interrupted
// Terraform pushed, and no state lock left.
func checkStateAfterStop(t *testing.T, p *platform, wsID int64) {
	t.Helper()
	ctx := context.Background()
	var orgID int64
	if err := p.db.Raw().QueryRowContext(ctx, `SELECT org_id FROM workspaces WHERE id = $1`, wsID).Scan(&orgID); err != nil {
		t.Fatal(err)
	}
	cipher, err := tfstate.NewCipher(bytes.Repeat([]byte{7}, tfstate.KeySize)) // startPlatform's key
	if err != nil {
		t.Fatal(err)
	}
	st, err := (&tfstate.Backend{DB: p.db, Cipher: cipher}).Get(ctx, orgID, wsID)
	if err != nil {
		t.Fatalf("state after the stop: %v", err)
	}
	res, err := tfstate.Resources(st)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := res["aws_dynamodb_table.orders"]; !ok {
		t.Errorf("the state pushed on interrupt lacks the table: %v", res)
	}
	if l, err := p.db.StateLockOf(ctx, orgID, wsID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("state lock left after the stop: %+v, %v", l, err)
	}
}

// envAgentProcess is set in the agent process TestAgentKilledMidApply
// starts: the JSON of the agent's environment variables.
const envAgentProcess = "SYNCLOUD_TEST_AGENT_PROCESS"

// TestAgentProcess is not a test: it is the body of the `syncloud-agent
// serve` process TestAgentKilledMidApply kills, and returns at once
// otherwise.
func TestAgentProcess(t *testing.T) {
	raw := os.Getenv(envAgentProcess)
	if raw == "" {
		return
	}
	var vars map[string]string
	if err := json.Unmarshal([]byte(raw), &vars); err != nil {
		t.Fatal(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	ppid := os.Getppid()
	go func() { // end with the test that started this process
		for range time.Tick(time.Second) {
			if os.Getppid() != ppid {
				os.Exit(2)
			}
		}
	}()
	os.Exit(run(ctx, []string{"serve", "--verbose"}, &env{stdin: strings.NewReader(""), stdout: os.Stdout, stderr: os.Stderr,
		getenv: func(k string) string { return vars[k] }}))
}

// TestAgentKilledMidApply kills the `syncloud-agent serve` process with
// SIGKILL while its Terraform applies (Terraform dies with it), once the
// table exists in the emulator and before Terraform's first state push.
// The platform's reaper marks the run errored when the agent's lease runs
// out and frees the locks. The next apply, by the CLI, finds what the
// killed run created by its tags and imports it, and the emulator ends
// with exactly one of each resource.
func TestAgentKilledMidApply(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	a := newAgentEnv(t)
	kumo := kumotest.Start(t)
	p := startPlatform(t, 3*time.Second)
	loginAndWorkspace(t, a, p, kumo.URL)
	vars, err := json.Marshal(a.vars)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestAgentProcess$")
	cmd.Env = append(os.Environ(), envAgentProcess+"="+string(vars))
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waited := make(chan struct{})
	go func() { cmd.Wait(); close(waited) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-waited
		if t.Failed() {
			t.Logf("agent process output:\n%s", out.String())
		}
	})

	ctx := context.Background()
	c := p.client()
	ws, id := applyingWithTable(t, c, kumo)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-waited
	killed := time.Now()
	inv := kumo.Inventory(t)
	t.Logf("SIGKILL to the agent process; the emulator has %+v", inv)

	for p.reap(t) == 0 {
		if time.Since(killed) > time.Minute {
			t.Fatal("the reaper found nothing a minute after the kill")
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Logf("reaped %s after the kill", time.Since(killed).Round(time.Millisecond))
	r, err := c.Run(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != "errored" || !strings.Contains(r.Error, "lease expired") {
		t.Errorf("run %d is %s with error %q, want errored, lease expired", id, r.Status, r.Error)
	}
	if l, err := p.db.StateLockOf(ctx, p.OrgID, ws.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("state lock left after reaping: %+v, %v", l, err)
	}

	recs := records(t, a.timed("apply after the kill", "apply", "--workspace", e2eWorkspace, "--auto-approve", "--json"))
	sum := planSummary(t, recs)
	t.Logf("re-plan: %+v", sum)
	again := checkApplied(t, recs)
	plan, err := c.PlanJSON(ctx, again)
	if err != nil {
		t.Fatal(err)
	}
	actions := kumotest.PlanActions(t, plan)
	if len(actions["resource.import"]) == 0 || !slices.Contains(actions["resource.import"], "aws_dynamodb_table.orders") {
		t.Errorf("the re-plan imports %v, want at least the table the killed run created", actions["resource.import"])
	}
	if slices.Contains(actions["resource.create"], "aws_dynamodb_table.orders") {
		t.Error("the re-plan creates the table again")
	}
	p.checkAudit(t, c, again)
	if diff := cmp.Diff(builtInventory(), kumo.Inventory(t)); diff != "" {
		t.Errorf("emulator after the re-run (-want +got):\n%s", diff)
	}
	a.timed("destroy", "destroy", "--workspace", e2eWorkspace, "--auto-approve")
	if diff := cmp.Diff(kumotest.Inventory{}, kumo.Inventory(t)); diff != "" {
		t.Errorf("emulator after destroy (-want +got):\n%s", diff)
	}
}

// reap runs the platform's reaper once and returns how many runs it ended.
func (p *platform) reap(t *testing.T) int {
	t.Helper()
	n, err := p.runs.Reap(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}
