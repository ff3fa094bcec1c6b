package agent

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"runtime"
	"time"
)

// Workspace is a workspace as the platform shows it.
type Workspace struct {
	ID            int64           `json:"id"`
	Name          string          `json:"name"`
	Region        string          `json:"region"`
	ConnectionID  *int64          `json:"connection_id"`
	ExecutionMode string          `json:"execution_mode"`
	Spec          json.RawMessage `json:"spec,omitempty"`
}

// Summary counts a plan's additions, changes, deletions and imports.
type Summary struct {
	Add     int `json:"add"`
	Change  int `json:"change"`
	Destroy int `json:"destroy"`
	Import  int `json:"import,omitempty"`
}

// Changes reports whether the plan changes anything.
func (s Summary) Changes() bool { return s.Add+s.Change+s.Destroy+s.Import > 0 }

// String is the summary as Terraform's plan prints it.
func (s Summary) String() string {
	imp := ""
	if s.Import > 0 {
		imp = fmt.Sprintf("%d to import, ", s.Import)
	}
	return fmt.Sprintf("Plan: %s%d to add, %d to change, %d to destroy.", imp, s.Add, s.Change, s.Destroy)
}

// Run is a run as the platform shows it.
type Run struct {
	ID            int64     `json:"id"`
	WorkspaceID   int64     `json:"workspace_id"`
	Operation     string    `json:"operation"`
	Status        string    `json:"status"`
	ExecutionMode string    `json:"execution_mode"`
	Prompt        string    `json:"prompt"`
	PlanSHA256    string    `json:"plan_sha256"`
	Summary       Summary   `json:"summary"`
	Error         string    `json:"error"`
	Actor         string    `json:"actor"`
	CreatedAt     time.Time `json:"created_at"`
}

// Final reports whether the run will not change any more.
func (r *Run) Final() bool {
	return r.Status == "applied" || r.Status == "errored" || r.Status == "discarded"
}

// Backend is the HTTP state backend settings of a claimed run; Password
// is short-lived and only valid for that run.
type Backend struct {
	Address       string `json:"address"`
	LockAddress   string `json:"lock_address"`
	UnlockAddress string `json:"unlock_address"`
	Username      string `json:"username"`
	Password      string `json:"password"`
}

// Job is a run claimed by this agent: the configuration to plan, or the
// approved plan file to apply.
type Job struct {
	Run        Run               `json:"run"`
	Files      map[string]string `json:"files"`
	Backend    Backend           `json:"backend"`
	Endpoint   string            `json:"aws_endpoint_url,omitempty"`
	PlanFile   string            `json:"plan_file,omitempty"` // base64
	PlanSHA256 string            `json:"plan_sha256,omitempty"`
	// LeaseSeconds is how long the platform's claim lasts without a
	// heartbeat.
	LeaseSeconds float64 `json:"lease_seconds,omitempty"`
}

// Applying reports whether the job applies an approved plan (rather than
// making one).
func (j *Job) Applying() bool { return j.Run.Status == "applying" }

// AgentInfo is the registered agent.
type AgentInfo struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	OS      string `json:"os"`
	Arch    string `json:"arch"`
	Version string `json:"version"`
}

// Register records this machine as a new agent named name.
func (c *Client) Register(ctx context.Context, name string) (*AgentInfo, error) {
	var a AgentInfo
	in := map[string]string{"name": name, "os": runtime.GOOS, "arch": runtime.GOARCH, "version": c.Version}
	if _, err := c.do(ctx, http.MethodPost, "/api/v1/agents/register", in, &a); err != nil {
		return nil, fmt.Errorf("register agent: %w", err)
	}
	return &a, nil
}

// Heartbeat tells the platform the agent is alive; a non-zero runID also
// renews the lease of the run it executes.
func (c *Client) Heartbeat(ctx context.Context, runID int64) error {
	in := map[string]any{"os": runtime.GOOS, "arch": runtime.GOARCH, "version": c.Version, "run_id": runID}
	_, err := c.do(ctx, http.MethodPost, "/api/v1/agents/"+id(c.AgentID)+"/heartbeat", in, nil)
	return err
}

// Claim leases the next queued agent-mode run (or runID) to this agent,
// waiting up to wait for one; no run is (nil, nil).
func (c *Client) Claim(ctx context.Context, runID int64, wait time.Duration) (*Job, error) {
	var j Job
	in := map[string]any{"run_id": runID, "wait": int(wait / time.Second)}
	st, err := c.do(ctx, http.MethodPost, "/api/v1/agents/"+id(c.AgentID)+"/claim", in, &j)
	if err != nil {
		return nil, fmt.Errorf("claim run: %w", err)
	}
	if st == http.StatusNoContent {
		return nil, nil
	}
	return &j, nil
}

// PlanFileBytes decodes the job's plan file.
func (j *Job) PlanFileBytes() ([]byte, error) {
	b, err := base64.StdEncoding.DecodeString(j.PlanFile)
	if err != nil {
		return nil, fmt.Errorf("decode plan file of run %d: %w", j.Run.ID, err)
	}
	return b, nil
}

// UploadPlan stores the plan this agent made for a run it holds.
func (c *Client) UploadPlan(ctx context.Context, runID int64, planJSON, file []byte) (*Run, error) {
	var r Run
	in := map[string]any{"plan_json": json.RawMessage(planJSON), "plan_file": file}
	if _, err := c.do(ctx, http.MethodPut, "/api/v1/runs/"+id(runID)+"/plan", in, &r); err != nil {
		return nil, fmt.Errorf("upload plan of run %d: %w", runID, err)
	}
	return &r, nil
}

// Report records the outcome (applied or errored) of a run this agent
// holds.
func (c *Client) Report(ctx context.Context, runID int64, status, msg string) (*Run, error) {
	var r Run
	in := map[string]string{"status": status, "error": msg}
	if _, err := c.do(ctx, http.MethodPut, "/api/v1/runs/"+id(runID)+"/status", in, &r); err != nil {
		return nil, fmt.Errorf("report %s for run %d: %w", status, runID, err)
	}
	return &r, nil
}

// AppendLog adds output to a run's log.
func (c *Client) AppendLog(ctx context.Context, runID int64, text string) error {
	_, err := c.do(ctx, http.MethodPost, "/api/v1/runs/"+id(runID)+"/logs", map[string]string{"text": text}, nil)
	return err
}
