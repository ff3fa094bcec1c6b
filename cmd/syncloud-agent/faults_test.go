package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

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
	ws, err := c.WorkspaceByName(ctx, e2eWorkspace)
	if err != nil {
		t.Fatal(err)
	}
	asked, err := c.Ask(ctx, ws.ID, e2ePrompt)
	if err != nil {
		t.Fatal(err)
	}
	id := asked.Run.ID
	waitStatus(t, c, id, "planned")
	if _, err := c.Transition(ctx, id, "approve"); err != nil {
		t.Fatal(err)
	}
	waitApplyingWithTable(t, c, kumo, id)
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

// waitApplyingWithTable waits until the run applies and the emulator has
// its table.
func waitApplyingWithTable(t *testing.T, c *agent.Client, kumo *kumotest.Emulator, runID int64) {
	t.Helper()
	for deadline := time.Now().Add(3 * time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		r, err := c.Run(context.Background(), runID)
		if err != nil {
			t.Fatal(err)
		}
		if r.Final() {
			t.Fatalf("run %d is %s before it could be stopped mid-apply: %s", runID, r.Status, r.Error)
		}
		if r.Status == "applying" && len(kumo.Inventory(t).Tables) == 1 {
			return
		}
	}
	t.Fatalf("run %d did not start applying", runID)
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
