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

// TestOtherOrgIDsAre404 walks every route under /workspaces/{id} and
// /runs/{id}, taken from routes() so that a new one is walked too, with
// another organization's IDs: each answers 404 and changes nothing. The
// lists and the playground's workspace choice do not show them either.
func TestOtherOrgIDsAre404(t *testing.T) {
	rp := newRunsPortal(t)
	ctx := context.Background()
	owner := rp.browser(t)
	owner.signUp("ada@example.com", "Analytical")
	org, _ := rp.orgOf(t, "ada@example.com")
	owner.do(http.MethodGet, "/workspaces", nil)
	st, loc, body := owner.post("/workspaces", url.Values{"name": {"secret-shop"}, "mode": {"platform"}})
	ws := mustRedirect(t, "create", st, loc, body)
	st, loc, body = owner.post("/workspaces/"+ws+"/ask", url.Values{"prompt": {"an S3 bucket"}})
	runID := mustRedirect(t, "ask", st, loc, body)
	rp.markPlanned(t, org, runID)
	state := `{"version":4,"terraform_version":"1.11.4","serial":1,"lineage":"l1","outputs":{},"resources":[]}`
	if err := rp.svc.State.Put(ctx, org, mustInt(t, ws), tfstate.Writer{}, []byte(state)); err != nil {
		t.Fatal(err)
	}
	if err := rp.db.CreateAgent(ctx, org, &store.Agent{Name: "ada-laptop", OS: "linux", CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}

	eve := rp.browser(t)
	eve.signUp("eve@example.com", "Other")
	ids := map[string]string{"/workspaces/": ws, "/runs/": runID}
	walked := 0
	for _, rt := range rp.p.routes() {
		method, path, _ := strings.Cut(rt.pattern, " ")
		prefix := path[:strings.Index(path[1:], "/")+2]
		id, ok := ids[prefix]
		if !ok || !strings.Contains(path, "{id}") {
			continue
		}
		path = strings.NewReplacer("{id}", id, "{serial}", "1").Replace(path)
		var st int
		if method == http.MethodPost {
			st, _, _ = eve.post(path, url.Values{"prompt": {"a queue"}})
		} else {
			st, _, _ = eve.do(method, path, nil)
		}
		if st != http.StatusNotFound {
			t.Errorf("%s %s by another organization = %d, want 404", method, path, st)
		}
		walked++
	}
	if walked < 8 {
		t.Errorf("walked %d routes with IDs, want every workspace and run route", walked)
	}
	for _, page := range []string{"/workspaces", "/playground", "/agents"} {
		if _, _, body := eve.do(http.MethodGet, page, nil); strings.Contains(body, "secret-shop") || strings.Contains(body, "ada-laptop") {
			t.Errorf("%s shows another organization's workspace or agent", page)
		}
	}
	conn := &store.AWSConnection{Name: "ada-kumo", Kind: "endpoint", EndpointURL: "http://127.0.0.1:1"}
	if err := rp.db.CreateAWSConnection(ctx, org, conn); err != nil {
		t.Fatal(err)
	}
	st, _, body = eve.post("/workspaces", url.Values{"name": {"mine"}, "mode": {"platform"}, "connection": {strconv.FormatInt(conn.ID, 10)}})
	if st != http.StatusUnprocessableEntity || !strings.Contains(body, `id="connection-error"`) || strings.Contains(body, "ada-kumo") {
		t.Errorf("a workspace on another organization's connection: %d", st)
	}
	st, _, body = eve.post("/playground", url.Values{"action": {"plan"}, "prompt": {"a queue"}, "workspace": {ws}})
	if st != http.StatusUnprocessableEntity || !strings.Contains(body, `id="workspace-error"`) {
		t.Errorf("planning in another organization's workspace: %d", st)
	}
	runs, err := rp.db.WorkspaceRuns(ctx, org, mustInt(t, ws), 0, 10)
	if err != nil || len(runs) != 1 || runs[0].Status != "planned" {
		t.Errorf("the owner's workspace has %d runs (%v) after the other organization's attempts", len(runs), err)
	}
	forged(t, rp, owner, ids)
	runs, err = rp.db.WorkspaceRuns(ctx, org, mustInt(t, ws), 0, 10)
	if err != nil || len(runs) != 1 || runs[0].Status != "planned" {
		t.Errorf("the owner's workspace has %d runs (%v) after forged forms", len(runs), err)
	}
}

// forged posts every workspace and run form, and the playground's Plan,
// with the owner's own IDs but a forged CSRF token: each is 403.
func forged(t *testing.T, rp *runsPortal, owner *browser, ids map[string]string) {
	t.Helper()
	n := 0
	for _, rt := range rp.p.routes() {
		method, path, _ := strings.Cut(rt.pattern, " ")
		id, ok := ids[path[:strings.Index(path[1:], "/")+2]]
		if method != http.MethodPost || !ok && path != "/workspaces" && path != "/playground" {
			continue
		}
		path = strings.ReplaceAll(path, "{id}", id)
		n++
		owner.csrf = "forged" // the 403 page before carries a real token
		if st, _, _ := owner.post(path, url.Values{"prompt": {"a queue"}, "action": {"plan"}, "name": {"x"}}); st != http.StatusForbidden {
			t.Errorf("POST %s with a forged token = %d, want 403", path, st)
		}
	}
	if n < 6 {
		t.Errorf("sent %d forged forms, want every workspace and run form and the playground", n)
	}
}
