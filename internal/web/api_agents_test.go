package web

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// agentDo sends a request with the key of c as the agent agentID.
func agentDo(t *testing.T, c *client, agentID int64, method, url string, body any, basic [2]string) (int, []byte) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-SyncCloud-Agent-Id", itoa(agentID))
	if basic[0] != "" {
		req.SetBasicAuth(basic[0], basic[1])
	} else {
		req.Header.Set("Authorization", "Bearer "+c.key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// TestAgentFlow is the Local Agent's protocol without Terraform: register,
// claim a plan job with its state credentials, upload the plan, approval,
// claim the apply job with the plan file, report applied; the run's
// credential reaches only its workspace and dies with the run.
func TestAgentFlow(t *testing.T) {
	p := newPlatform(t)
	owner := p.register("agent@example.com")
	key, _ := owner.newKey("runs:read", "runs:write")
	var agent, other agentView
	key.mustDo(http.MethodPost, "/api/v1/agents/register", map[string]any{"name": "mac", "os": "darwin", "arch": "arm64", "version": "0.1"}, http.StatusCreated, &agent)
	key.mustDo(http.MethodPost, "/api/v1/agents/register", map[string]any{"name": "pc", "os": "windows"}, http.StatusCreated, &other)
	var ws, ws2 workspaceView
	key.mustDo(http.MethodPost, "/api/v1/workspaces", map[string]any{"name": "local", "execution_mode": "agent"}, http.StatusCreated, &ws)
	key.mustDo(http.MethodPost, "/api/v1/workspaces", map[string]any{"name": "other"}, http.StatusCreated, &ws2)
	var asked askResponse
	key.mustDo(http.MethodPost, "/api/v1/workspaces/"+itoa(ws.ID)+"/ask", map[string]any{"prompt": "a bucket"}, http.StatusAccepted, &asked)
	base := p.srv.URL
	claim := func(agentID int64) (int, jobView) {
		status, b := agentDo(t, key, agentID, http.MethodPost, base+"/api/v1/agents/"+itoa(agentID)+"/claim", map[string]any{}, [2]string{})
		var job jobView
		if status == http.StatusOK {
			json.Unmarshal(b, &job)
		}
		return status, job
	}
	status, job := claim(agent.ID)
	if status != http.StatusOK || job.Run.ID != asked.Run.ID || job.Run.Status != "planning" || job.Backend.Password == "" ||
		!strings.Contains(job.Files["main.tf.json"], `"address": "`+base+"/api/v1/workspaces/"+itoa(ws.ID)+`/state"`) {
		t.Fatalf("claim = %d %+v", status, job)
	}
	if status, _ := claim(agent.ID); status != http.StatusNoContent {
		t.Errorf("second claim with nothing queued: %d, want 204", status)
	}
	cred := [2]string{"run", job.Backend.Password}
	checkStatus := func(name, method, url string, want int) {
		t.Helper()
		if got, b := agentDo(t, key, agent.ID, method, url, nil, cred); got != want {
			t.Errorf("%s: %d, want %d: %s", name, got, want, b)
		}
	}
	checkStatus("run credential, own workspace", http.MethodGet, job.Backend.Address, http.StatusNoContent)
	checkStatus("run credential, other workspace", http.MethodGet, base+"/api/v1/workspaces/"+itoa(ws2.ID)+"/state", http.StatusNotFound)

	runPath := base + "/api/v1/runs/" + itoa(job.Run.ID)
	if got, b := agentDo(t, key, agent.ID, http.MethodPost, runPath+"/logs", map[string]any{"text": "Initializing...\n"}, [2]string{}); got != http.StatusNoContent {
		t.Errorf("log append by the holder: %d %s", got, b)
	}
	if got, _ := agentDo(t, key, other.ID, http.MethodPost, runPath+"/logs", map[string]any{"text": "spoof\n"}, [2]string{}); got != http.StatusConflict {
		t.Errorf("log append by another agent: %d, want 409", got)
	}
	planFile := []byte("plan file bytes")
	planJSON := map[string]any{"format_version": "1.2", "resource_changes": []any{map[string]any{
		"address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "name": "logs",
		"change": map[string]any{"actions": []string{"create"}}}}}
	upload := map[string]any{"plan_json": planJSON, "plan_file": base64.StdEncoding.EncodeToString(planFile)}
	if got, _ := agentDo(t, key, other.ID, http.MethodPut, runPath+"/plan", upload, [2]string{}); got != http.StatusConflict {
		t.Errorf("plan upload by an agent not holding the run: %d, want 409", got)
	}
	got, b := agentDo(t, key, agent.ID, http.MethodPut, runPath+"/plan", upload, [2]string{})
	var planned runView
	json.Unmarshal(b, &planned)
	if got != http.StatusOK || planned.Status != "planned" || planned.Summary.Add != 1 {
		t.Fatalf("plan upload: %d %s", got, b)
	}
	checkStatus("run credential after the plan", http.MethodGet, job.Backend.Address, http.StatusUnauthorized)
	key.mustDo(http.MethodPost, "/api/v1/runs/"+itoa(job.Run.ID)+"/approve", nil, http.StatusOK, nil)
	status, apply := claim(agent.ID)
	if status != http.StatusOK || apply.Run.Status != "applying" || apply.PlanSHA256 != planned.PlanSHA256 ||
		apply.PlanFile != base64.StdEncoding.EncodeToString(planFile) {
		t.Fatalf("apply claim = %d %+v", status, apply)
	}
	got, b = agentDo(t, key, agent.ID, http.MethodPut, runPath+"/status", map[string]any{"status": "applied"}, [2]string{})
	if got != http.StatusOK || !strings.Contains(string(b), `"status":"applied"`) {
		t.Fatalf("report applied: %d %s", got, b)
	}
}
