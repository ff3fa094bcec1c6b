package agent

import (
	"context"
	"fmt"
	"net/http"
)

// WorkspaceInput is a new workspace.
type WorkspaceInput struct {
	Name         string `json:"name"`
	Region       string `json:"region"`
	ConnectionID int64  `json:"connection_id,omitempty"`
	Mode         string `json:"execution_mode,omitempty"`
}

// CreateWorkspace creates a workspace.
func (c *Client) CreateWorkspace(ctx context.Context, in WorkspaceInput) (*Workspace, error) {
	var w Workspace
	if _, err := c.do(ctx, http.MethodPost, "/api/v1/workspaces", in, &w); err != nil {
		return nil, fmt.Errorf("create workspace %s: %w", in.Name, err)
	}
	return &w, nil
}

// CreateEndpointConnection creates an AWS connection of kind endpoint
// (an emulator such as kumo) and returns its ID.
func (c *Client) CreateEndpointConnection(ctx context.Context, name, endpoint string) (int64, error) {
	var conn struct {
		ID int64 `json:"id"`
	}
	in := map[string]string{"name": name, "kind": "endpoint", "endpoint_url": endpoint}
	if _, err := c.do(ctx, http.MethodPost, "/api/v1/connections", in, &conn); err != nil {
		return 0, fmt.Errorf("create endpoint connection: %w", err)
	}
	return conn.ID, nil
}

// WorkspaceByName finds the caller's workspace called name.
func (c *Client) WorkspaceByName(ctx context.Context, name string) (*Workspace, error) {
	var list struct {
		Workspaces []Workspace `json:"workspaces"`
	}
	if _, err := c.do(ctx, http.MethodGet, "/api/v1/workspaces", nil, &list); err != nil {
		return nil, fmt.Errorf("list workspaces: %w", err)
	}
	for i := range list.Workspaces {
		if list.Workspaces[i].Name == name {
			return &list.Workspaces[i], nil
		}
	}
	return nil, fmt.Errorf("no workspace called %q", name)
}

// AskResult is the platform's answer to a prompt: the queued run and
// what the language layer understood.
type AskResult struct {
	Run        Run      `json:"run"`
	Understood []string `json:"understood"`
	Unplaced   []string `json:"unplaced"`
}

// Ask edits the workspace's spec with prompt and queues a run.
func (c *Client) Ask(ctx context.Context, wsID int64, prompt string) (*AskResult, error) {
	var a AskResult
	if _, err := c.do(ctx, http.MethodPost, "/api/v1/workspaces/"+id(wsID)+"/ask", map[string]string{"prompt": prompt}, &a); err != nil {
		return nil, fmt.Errorf("ask: %w", err)
	}
	return &a, nil
}

// Queue queues a run of the workspace's current spec; operation is apply
// or destroy.
func (c *Client) Queue(ctx context.Context, wsID int64, operation string) (*Run, error) {
	var r Run
	if _, err := c.do(ctx, http.MethodPost, "/api/v1/workspaces/"+id(wsID)+"/runs", map[string]string{"operation": operation}, &r); err != nil {
		return nil, fmt.Errorf("queue %s run: %w", operation, err)
	}
	return &r, nil
}

// Runs lists the workspace's runs, newest first.
func (c *Client) Runs(ctx context.Context, wsID int64) ([]Run, error) {
	var list struct {
		Runs []Run `json:"runs"`
	}
	if _, err := c.do(ctx, http.MethodGet, "/api/v1/workspaces/"+id(wsID)+"/runs", nil, &list); err != nil {
		return nil, fmt.Errorf("list runs: %w", err)
	}
	return list.Runs, nil
}

// Run loads one run.
func (c *Client) Run(ctx context.Context, runID int64) (*Run, error) {
	var r Run
	if _, err := c.do(ctx, http.MethodGet, "/api/v1/runs/"+id(runID), nil, &r); err != nil {
		return nil, fmt.Errorf("show run %d: %w", runID, err)
	}
	return &r, nil
}

// PlanJSON loads a planned run's plan as `terraform show -json` prints it.
func (c *Client) PlanJSON(ctx context.Context, runID int64) ([]byte, error) {
	var raw jsonBytes
	if _, err := c.do(ctx, http.MethodGet, "/api/v1/runs/"+id(runID)+"/plan", nil, &raw); err != nil {
		return nil, fmt.Errorf("plan of run %d: %w", runID, err)
	}
	return raw, nil
}

// Transition approves or discards a planned run (verb is approve or
// discard).
func (c *Client) Transition(ctx context.Context, runID int64, verb string) (*Run, error) {
	var r Run
	if _, err := c.do(ctx, http.MethodPost, "/api/v1/runs/"+id(runID)+"/"+verb, nil, &r); err != nil {
		return nil, fmt.Errorf("%s run %d: %w", verb, runID, err)
	}
	return &r, nil
}

// jsonBytes keeps a JSON document as it came.
type jsonBytes []byte

func (j *jsonBytes) UnmarshalJSON(b []byte) error {
	*j = append((*j)[:0], b...)
	return nil
}
