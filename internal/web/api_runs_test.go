package web

import (
	"bytes"
	"net/http"
	"strconv"
	"testing"

	"github.com/syncloud/syncloud/internal/audit"
	"github.com/syncloud/syncloud/internal/awsconn"
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/run"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/tfstate"
)

// testRunDeps are the runs API's parts for handler tests: the real
// service and state backend over the test database, the bucket engine.
func testRunDeps(t *testing.T, db *store.DB, w *audit.Writer) *RunDeps {
	t.Helper()
	c, err := tfstate.NewCipher(bytes.Repeat([]byte{3}, tfstate.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	return &RunDeps{Sealer: c, Service: &run.Service{DB: db, Audit: w,
		Generator: &lml.Generator{Engine: bucketEngine{}}, State: &tfstate.Backend{DB: db, Cipher: c}}}
}

// addRunResources gives the victim org one of each runs resource, for the
// tenant-isolation walk.
func (v *victim) addRunResources(t *testing.T) {
	t.Helper()
	var ws workspaceView
	v.owner.mustDo(http.MethodPost, "/api/v1/workspaces", map[string]any{"name": "prod", "region": "eu-west-1"}, http.StatusCreated, &ws)
	var asked askResponse
	v.owner.mustDo(http.MethodPost, "/api/v1/workspaces/"+itoa(ws.ID)+"/ask", map[string]any{"prompt": "a bucket"}, http.StatusAccepted, &asked)
	var conn connectionView
	v.owner.mustDo(http.MethodPost, "/api/v1/connections", map[string]any{"name": "emu", "kind": "endpoint", "endpoint_url": "http://127.0.0.1:4566"}, http.StatusCreated, &conn)
	var agent agentView
	v.owner.mustDo(http.MethodPost, "/api/v1/agents/register", map[string]any{"name": "laptop", "os": "linux"}, http.StatusCreated, &agent)
	ids := map[string]int64{
		"/api/v1/workspaces/{id}": ws.ID, "/api/v1/runs/{id}": asked.Run.ID,
		"/api/v1/connections/{id}": conn.ID, "/api/v1/agents/{id}": agent.ID,
	}
	for _, rt := range New(Deps{}).runRoutes() {
		for prefix, id := range ids {
			if _, path, _ := cutPattern(rt.Pattern); len(path) >= len(prefix) && path[:len(prefix)] == prefix {
				v.ids[rt.Pattern] = strconv.FormatInt(id, 10)
			}
		}
	}
}

func cutPattern(p string) (method, path string, ok bool) {
	for i := 0; i < len(p); i++ {
		if p[i] == ' ' {
			return p[:i], p[i+1:], true
		}
	}
	return "", p, false
}

// TestRunsAPIFlow walks the API a user follows without Terraform: create a
// workspace, ask, see the queued run, refuse approving an unplanned run
// (409), discard it.
func TestRunsAPIFlow(t *testing.T) {
	p := newPlatform(t)
	owner := p.register("runs@example.com")
	var ws workspaceView
	owner.mustDo(http.MethodPost, "/api/v1/workspaces", map[string]any{"name": "dev", "region": "us-west-2"}, http.StatusCreated, &ws)
	owner.mustDo(http.MethodPost, "/api/v1/workspaces", map[string]any{"name": "dev"}, http.StatusConflict, nil)
	owner.mustDo(http.MethodPost, "/api/v1/workspaces/"+itoa(ws.ID)+"/runs", map[string]any{}, http.StatusBadRequest, nil)
	var asked askResponse
	owner.mustDo(http.MethodPost, "/api/v1/workspaces/"+itoa(ws.ID)+"/ask", map[string]any{"prompt": "a bucket for logs"}, http.StatusAccepted, &asked)
	if asked.Run.Status != "pending" || asked.Run.Operation != "apply" || asked.Run.Prompt != "a bucket for logs" {
		t.Errorf("queued run = %+v", asked.Run)
	}
	var shown workspaceView
	owner.mustDo(http.MethodGet, "/api/v1/workspaces/"+itoa(ws.ID), nil, http.StatusOK, &shown)
	if len(shown.Spec) == 0 || !bytes.Contains(shown.Spec, []byte("aws_s3_bucket")) {
		t.Errorf("workspace spec after ask = %s", shown.Spec)
	}
	runPath := "/api/v1/runs/" + itoa(asked.Run.ID)
	owner.mustDo(http.MethodPost, runPath+"/approve", nil, http.StatusConflict, nil)
	var discarded runView
	owner.mustDo(http.MethodPost, runPath+"/discard", nil, http.StatusOK, &discarded)
	if discarded.Status != "discarded" {
		t.Errorf("status after discard = %q", discarded.Status)
	}
	var page logPage
	owner.mustDo(http.MethodGet, runPath+"/logs", nil, http.StatusOK, &page)
	if !page.Done || page.Status != "discarded" {
		t.Errorf("logs of a discarded run = %+v", page)
	}
}

// awsResolver resolves connections with the test platform's sealer.
func awsResolver(p *platform) awsconn.Resolver {
	return awsconn.Resolver{Sealer: p.runs.Sealer}
}
