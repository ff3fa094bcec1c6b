package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/syncloud/syncloud/internal/awsconn"
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/run"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/tfstate"
)

// RunDeps are the parts behind the runs API (workspaces, runs, state,
// connections, agents). Without them those routes answer 503.
type RunDeps struct {
	Service *run.Service
	// Sealer encrypts connection secrets; STS checks role connections.
	Sealer awsconn.Sealer
	STS    awsconn.STS
	// PublicURL is the platform's base URL as agents reach it, written
	// into their state backend settings; "" derives it from the request.
	PublicURL string
}

// workspaceView is a workspace as the API shows it.
type workspaceView struct {
	ID            int64           `json:"id"`
	Name          string          `json:"name"`
	Region        string          `json:"region"`
	ConnectionID  *int64          `json:"connection_id"`
	ExecutionMode string          `json:"execution_mode"`
	Spec          json.RawMessage `json:"spec,omitempty"`
	CreatedAt     time.Time       `json:"created_at"`
	UpdatedAt     time.Time       `json:"updated_at"`
}

func newWorkspaceView(w *store.Workspace, withSpec bool) workspaceView {
	v := workspaceView{ID: w.ID, Name: w.Name, Region: w.Region, ExecutionMode: w.ExecutionMode,
		CreatedAt: w.CreatedAt, UpdatedAt: w.UpdatedAt}
	if w.ConnectionID != 0 {
		v.ConnectionID = &w.ConnectionID
	}
	if withSpec && w.Spec != "" {
		v.Spec = json.RawMessage(w.Spec)
	}
	return v
}

// runs returns the runs API's parts, or a 503 when the server has none.
func (s *Server) runs() (*RunDeps, error) {
	if s.deps.Runs == nil || s.deps.Runs.Service == nil {
		return nil, errorf(http.StatusServiceUnavailable, "runs are not enabled on this server")
	}
	return s.deps.Runs, nil
}

// runError maps the run package's errors to statuses with their messages.
func runError(err error) error {
	var e *Error
	switch {
	case err == nil || errors.As(err, &e):
		return err
	case errors.Is(err, run.ErrInvalid), errors.Is(err, awsconn.ErrInvalid), errors.Is(err, tfstate.ErrInvalid):
		return &Error{Status: http.StatusBadRequest, Msg: err.Error(), Err: err}
	case lml.IsNothing(err):
		return &Error{Status: http.StatusUnprocessableEntity, Msg: err.Error()}
	case errors.Is(err, store.ErrConflict):
		return &Error{Status: http.StatusConflict, Msg: err.Error(), Err: err}
	}
	return err
}

type workspaceCreateRequest struct {
	Name          string `json:"name"`
	Region        string `json:"region"`
	ConnectionID  int64  `json:"connection_id,omitempty"`
	ExecutionMode string `json:"execution_mode,omitempty"`
}

// workspaceCreate serves POST /api/v1/workspaces.
func (s *Server) workspaceCreate(w http.ResponseWriter, r *http.Request) error {
	rd, err := s.runs()
	if err != nil {
		return err
	}
	var req workspaceCreateRequest
	if err := readJSON(w, r, 16<<10, &req); err != nil {
		return err
	}
	ws, err := rd.Service.CreateWorkspace(r.Context(), mustPrincipal(r.Context()), run.WorkspaceInput{
		Name: req.Name, Region: req.Region, ConnectionID: req.ConnectionID, Mode: req.ExecutionMode})
	if err != nil {
		return runError(err)
	}
	return writeJSON(w, http.StatusCreated, newWorkspaceView(ws, true))
}

// workspaceList serves GET /api/v1/workspaces.
func (s *Server) workspaceList(w http.ResponseWriter, r *http.Request) error {
	list, err := s.deps.DB.Workspaces(r.Context(), mustPrincipal(r.Context()).OrgID)
	if err != nil {
		return err
	}
	out := make([]workspaceView, 0, len(list))
	for i := range list {
		out = append(out, newWorkspaceView(&list[i], false))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"workspaces": out})
}

// workspaceShow serves GET /api/v1/workspaces/{id}, with the spec.
func (s *Server) workspaceShow(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ws, err := s.deps.DB.Workspace(r.Context(), mustPrincipal(r.Context()).OrgID, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newWorkspaceView(ws, true))
}

type askResponse struct {
	Run        runView  `json:"run"`
	Understood []string `json:"understood"`
	Unplaced   []string `json:"unplaced"`
	Findings   any      `json:"findings"`
}

// workspaceAsk serves POST /api/v1/workspaces/{id}/ask: the prompt edits
// the workspace's spec and a plan run is queued.
func (s *Server) workspaceAsk(w http.ResponseWriter, r *http.Request) error {
	rd, err := s.runs()
	if err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := s.deps.DB.Workspace(r.Context(), mustPrincipal(r.Context()).OrgID, id); err != nil {
		return err // before reading the body: another org's ID is 404 whatever was sent
	}
	var req struct {
		Prompt string `json:"prompt"`
	}
	if err := readJSON(w, r, 6*run.MaxPromptBytes+4096, &req); err != nil {
		return err
	}
	setPrompt(r.Context(), req.Prompt)
	rn, res, err := rd.Service.Ask(r.Context(), mustPrincipal(r.Context()), id, req.Prompt)
	if err != nil {
		return runError(err)
	}
	var findings any = res.Findings
	if res.Findings == nil {
		findings = []any{}
	}
	return writeJSON(w, http.StatusAccepted, askResponse{Run: newRunView(rn), Understood: res.Understood,
		Unplaced: res.Unplaced, Findings: findings})
}

// workspaceRuns serves GET /api/v1/workspaces/{id}/runs?limit=&before=,
// newest first, with the URL of the next page when there is one.
func (s *Server) workspaceRuns(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	org := mustPrincipal(r.Context()).OrgID
	if _, err := s.deps.DB.Workspace(r.Context(), org, id); err != nil {
		return err
	}
	limit := 50
	if n, err := strconv.Atoi(r.URL.Query().Get("limit")); err == nil && n > 0 && n <= 500 {
		limit = n
	}
	var before int64
	if v := r.URL.Query().Get("before"); v != "" {
		if before, err = strconv.ParseInt(v, 10, 64); err != nil || before <= 0 {
			return errorf(http.StatusBadRequest, "before must be a run ID")
		}
	}
	list, err := s.deps.DB.WorkspaceRuns(r.Context(), org, id, before, limit+1)
	if err != nil {
		return err
	}
	page := map[string]any{}
	if len(list) > limit {
		list = list[:limit]
		page["next"] = fmt.Sprintf("/api/v1/workspaces/%d/runs?limit=%d&before=%d", id, limit, list[limit-1].ID)
	}
	page["runs"] = viewsOf(list, newRunView)
	return writeJSON(w, http.StatusOK, page)
}

// workspaceQueue serves POST /api/v1/workspaces/{id}/runs: a plan of the
// current spec, to apply or to destroy.
func (s *Server) workspaceQueue(w http.ResponseWriter, r *http.Request) error {
	rd, err := s.runs()
	if err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := s.deps.DB.Workspace(r.Context(), mustPrincipal(r.Context()).OrgID, id); err != nil {
		return err
	}
	var req struct {
		Operation string `json:"operation"`
	}
	if err := readJSON(w, r, 4096, &req); err != nil {
		return err
	}
	op, err := run.ParseOperation(req.Operation)
	if err != nil {
		return runError(err)
	}
	rn, err := rd.Service.Queue(r.Context(), mustPrincipal(r.Context()), id, op)
	if err != nil {
		return runError(err)
	}
	return writeJSON(w, http.StatusCreated, newRunView(rn))
}
