package portal

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/tfstate"
)

func TestRunEventsStreamLogAndEnd(t *testing.T) {
	rp := newRunsPortal(t)
	b := rp.browser(t)
	b.signUp("ada@example.com", "Analytical")
	org, _ := rp.orgOf(t, "ada@example.com")
	b.do(http.MethodGet, "/workspaces", nil)
	st, loc, body := b.post("/workspaces", url.Values{"name": {"shop"}, "mode": {"platform"}})
	ws := mustRedirect(t, "create", st, loc, body)
	st, loc, body = b.post("/workspaces/"+ws+"/ask", url.Values{"prompt": {"an S3 bucket"}})
	runID := rp.markPlanned(t, org, mustRedirect(t, "ask", st, loc, body))
	ctx := context.Background()
	if err := rp.db.AppendRunLog(ctx, org, runID, "second\r\nthird\n", time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := rp.db.SetRunStatus(ctx, org, runID, []string{"planned"}, "errored", "boom", time.Now()); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, query string
		want        []string
		notWant     string
	}{
		{"from the start", "?after=0", []string{"event: log\ndata: Plan: 1 to add", "data: second\ndata: third\n", "event: status\ndata: errored\n", "event: done\ndata: errored\n"}, ""},
		{"resumed", "?after=1", []string{"data: second", "event: done"}, "Plan: 1 to add"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, _, body := b.do(http.MethodGet, "/runs/"+itoa(runID)+"/events"+tc.query, nil)
			if st != http.StatusOK {
				t.Fatalf("status %d", st)
			}
			wantIn(t, "event stream", body, tc.want...)
			if tc.notWant != "" && strings.Contains(body, tc.notWant) {
				t.Errorf("stream resumed after chunk 1 repeats %q", tc.notWant)
			}
		})
	}
	_, _, body = b.do(http.MethodGet, "/runs/"+itoa(runID), nil)
	wantIn(t, "errored run page", body, "boom", "second\nthird")
}

func TestAgentRunWaitsForAnAgent(t *testing.T) {
	rp := newRunsPortal(t)
	b := rp.browser(t)
	b.signUp("ada@example.com", "Analytical")
	b.do(http.MethodGet, "/workspaces", nil)
	st, loc, body := b.post("/workspaces", url.Values{"name": {"laptop-shop"}, "mode": {"agent"}})
	ws := mustRedirect(t, "create", st, loc, body)
	st, loc, body = b.post("/workspaces/"+ws+"/ask", url.Values{"prompt": {"an SQS queue"}})
	runID := mustRedirect(t, "ask", st, loc, body)
	_, _, body = b.do(http.MethodGet, "/runs/"+runID, nil)
	wantIn(t, "agent run page", body, `id="agent-wait"`, "syncloud-agent serve", "agent · us-east-1")
}

func TestAgentsPage(t *testing.T) {
	rp := newRunsPortal(t)
	b := rp.browser(t)
	b.signUp("ada@example.com", "Analytical")
	org, _ := rp.orgOf(t, "ada@example.com")
	ctx := context.Background()
	for _, a := range []store.Agent{{Name: "laptop", OS: "darwin", Arch: "arm64", Version: "1.2.3"}, {Name: "old-box", OS: "linux"}} {
		if err := rp.db.CreateAgent(ctx, org, &a); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-time.Hour)
	if _, err := rp.db.Raw().ExecContext(ctx, `UPDATE agents SET last_seen_at = $1 WHERE name = 'old-box'`, old); err != nil {
		t.Fatal(err)
	}
	_, _, body := b.do(http.MethodGet, "/agents", nil)
	wantIn(t, "agents page", body, "laptop", "darwin/arm64", "1.2.3", "status-online", "old-box", "status-offline",
		"syncloud-agent login --server https://app.example --api-key KEY", "syncloud-agent serve", "--mode agent")
}

func TestStateDownload(t *testing.T) {
	rp := newRunsPortal(t)
	b := rp.browser(t)
	b.signUp("ada@example.com", "Analytical")
	org, user := rp.orgOf(t, "ada@example.com")
	b.do(http.MethodGet, "/workspaces", nil)
	st, loc, body := b.post("/workspaces", url.Values{"name": {"shop"}, "mode": {"platform"}})
	ws := mustRedirect(t, "create", st, loc, body)
	state := `{"version":4,"terraform_version":"1.11.4","serial":3,"lineage":"l1","outputs":{},"resources":[]}`
	if err := rp.svc.State.Put(context.Background(), org, mustInt(t, ws), tfstate.Writer{}, []byte(state)); err != nil {
		t.Fatal(err)
	}
	_, _, body = b.do(http.MethodGet, "/workspaces/"+ws, nil)
	wantIn(t, "workspace page", body, `href="/workspaces/`+ws+`/state/3"`, "your own Terraform")
	if st, _, body := b.do(http.MethodGet, "/workspaces/"+ws+"/state/3", nil); st != http.StatusOK || body != state {
		t.Errorf("download: %d %q", st, body)
	}
	if st, _, _ := b.do(http.MethodGet, "/workspaces/"+ws+"/state/4", nil); st != http.StatusNotFound {
		t.Errorf("missing serial: %d", st)
	}
	if err := rp.db.SetMemberRole(context.Background(), org, user, store.RoleViewer); err != nil {
		t.Fatal(err)
	}
	if st, _, _ := b.do(http.MethodGet, "/workspaces/"+ws+"/state/3", nil); st != http.StatusForbidden {
		t.Errorf("viewer download: %d, want 403", st)
	}
}

func TestPlaygroundPlan(t *testing.T) {
	rp := newRunsPortal(t)
	b := rp.browser(t)
	b.signUp("ada@example.com", "Analytical")
	_, _, body := b.do(http.MethodGet, "/playground", nil)
	wantIn(t, "playground", body, `value="new" selected`, `name="action" value="plan"`)

	st, _, body := b.post("/playground", url.Values{"action": {"plan"}, "prompt": {"a DynamoDB table called sessions"},
		"workspace": {"new"}, "ws_name": {""}, "ws_mode": {"platform"}, "format": {"hcl"}})
	if st != http.StatusUnprocessableEntity {
		t.Fatalf("plan without a workspace name: %d", st)
	}
	wantIn(t, "rejected plan", body, `id="ws-name-error"`, "a DynamoDB table called sessions</textarea>")

	st, loc, body := b.post("/playground", url.Values{"action": {"plan"}, "prompt": {"a DynamoDB table called sessions"},
		"workspace": {"new"}, "ws_name": {"demo"}, "ws_mode": {"platform"}, "format": {"hcl"}, "region": {"eu-west-1"}})
	first := mustRedirect(t, "plan in a new workspace", st, loc, body)
	ctx := context.Background()
	org, _ := rp.orgOf(t, "ada@example.com")
	r, err := rp.db.Run(ctx, org, mustInt(t, first))
	if err != nil {
		t.Fatal(err)
	}
	ws, err := rp.db.Workspace(ctx, org, r.WorkspaceID)
	if err != nil || ws.Name != "demo" || ws.Region != "eu-west-1" {
		t.Fatalf("new workspace: %+v %v", ws, err)
	}
	_, _, body = b.do(http.MethodGet, "/playground?workspace="+itoa(ws.ID), nil)
	wantIn(t, "playground for a follow-up", body, `value="`+itoa(ws.ID)+`" selected`)

	st, loc, body = b.post("/playground", url.Values{"action": {"plan"}, "prompt": {"add a second table called carts"},
		"workspace": {itoa(ws.ID)}, "format": {"hcl"}})
	mustRedirect(t, "follow-up plan", st, loc, body)
	ws, _ = rp.db.Workspace(ctx, org, ws.ID)
	if !strings.Contains(ws.Spec, "sessions") || !strings.Contains(ws.Spec, "carts") {
		t.Errorf("the follow-up did not edit the same workspace's spec: %s", ws.Spec)
	}
	if list, _ := rp.db.Workspaces(ctx, org); len(list) != 1 {
		t.Errorf("%d workspaces, want the one", len(list))
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestWorkspaceRunsArePaged: the workspace page lists the newest runs and
// links to older ones.
func TestWorkspaceRunsArePaged(t *testing.T) {
	rp := newRunsPortal(t)
	b := rp.browser(t)
	b.signUp("ada@example.com", "Analytical")
	org, _ := rp.orgOf(t, "ada@example.com")
	b.do(http.MethodGet, "/workspaces", nil)
	st, loc, body := b.post("/workspaces", url.Values{"name": {"busy"}, "mode": {"platform"}})
	ws := mustRedirect(t, "create", st, loc, body)
	var ids []int64
	for range runsPage + 1 {
		r := &store.Run{WorkspaceID: mustInt(t, ws), Operation: "apply", Status: "discarded", ExecutionMode: "platform",
			Spec: "{}", Config: "{}", StateSerial: -1}
		if err := rp.db.CreateRun(context.Background(), org, r); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	oldest, second := ids[0], ids[1]
	_, _, first := b.do(http.MethodGet, "/workspaces/"+ws, nil)
	wantIn(t, "first page", first, `href="/runs/`+itoa(second)+`"`, `href="/workspaces/`+ws+`?before=`+itoa(second)+`#runs">Older runs`)
	if strings.Contains(first, `href="/runs/`+itoa(oldest)+`"`) {
		t.Errorf("the first page lists the oldest run of %d", runsPage+1)
	}
	_, _, older := b.do(http.MethodGet, "/workspaces/"+ws+"?before="+itoa(second), nil)
	wantIn(t, "older runs", older, `href="/runs/`+itoa(oldest)+`"`)
	if strings.Contains(older, "Older runs") {
		t.Error("the last page offers older runs")
	}
}
