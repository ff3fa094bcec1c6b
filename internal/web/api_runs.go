package web

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/run"
	"github.com/syncloud/syncloud/internal/store"
)

// runView is a run as the API shows it: never its plan file or token.
type runView struct {
	ID            int64           `json:"id"`
	WorkspaceID   int64           `json:"workspace_id"`
	Operation     string          `json:"operation"`
	Status        string          `json:"status"`
	ExecutionMode string          `json:"execution_mode"`
	Prompt        string          `json:"prompt"`
	ConfigSHA256  string          `json:"config_sha256"`
	PlanSHA256    string          `json:"plan_sha256"`
	Summary       planCounts      `json:"summary"`
	Findings      json.RawMessage `json:"findings"`
	Error         string          `json:"error"`
	StateSerial   int64           `json:"state_serial"`
	Actor         string          `json:"actor"`
	CreatedAt     time.Time       `json:"created_at"`
	UpdatedAt     time.Time       `json:"updated_at"`
}

type planCounts struct {
	Add     int `json:"add"`
	Change  int `json:"change"`
	Destroy int `json:"destroy"`
	Import  int `json:"import"`
}

func newRunView(r *store.Run) runView {
	findings := json.RawMessage(r.Findings)
	if len(findings) == 0 {
		findings = json.RawMessage("[]")
	}
	return runView{ID: r.ID, WorkspaceID: r.WorkspaceID, Operation: r.Operation, Status: r.Status,
		ExecutionMode: r.ExecutionMode, Prompt: r.Prompt, ConfigSHA256: r.ConfigSHA256, PlanSHA256: r.PlanSHA256,
		Summary: planCounts{r.PlanAdd, r.PlanChange, r.PlanDestroy, r.PlanImport}, Findings: findings, Error: r.Error,
		StateSerial: r.StateSerial, Actor: r.Actor, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// orgRun loads the {id} run of the caller's organization.
func (s *Server) orgRun(r *http.Request) (*store.Run, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return s.deps.DB.Run(r.Context(), mustPrincipal(r.Context()).OrgID, id)
}

// runShow serves GET /api/v1/runs/{id}.
func (s *Server) runShow(w http.ResponseWriter, r *http.Request) error {
	rn, err := s.orgRun(r)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newRunView(rn))
}

// runPlan serves GET /api/v1/runs/{id}/plan: the plan JSON as `terraform
// show -json` prints it, for OPA/conftest or Infracost.
func (s *Server) runPlan(w http.ResponseWriter, r *http.Request) error {
	rn, err := s.orgRun(r)
	if err != nil {
		return err
	}
	if rn.PlanJSON == "" {
		return errorf(http.StatusNotFound, "run %d has no plan yet (it is %s)", rn.ID, rn.Status)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write([]byte(rn.PlanJSON))
	return err
}

// runTransition serves the approve and discard routes.
func (s *Server) runTransition(do func(*run.Service, *http.Request, auth.Principal, int64) (*store.Run, error)) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		rd, err := s.runs()
		if err != nil {
			return err
		}
		id, err := pathID(r)
		if err != nil {
			return err
		}
		rn, err := do(rd.Service, r, mustPrincipal(r.Context()), id)
		if err != nil {
			return runError(err)
		}
		return writeJSON(w, http.StatusOK, newRunView(rn))
	}
}

// runApprove serves POST /api/v1/runs/{id}/approve; 409 while another
// apply holds the workspace.
func (s *Server) runApprove(w http.ResponseWriter, r *http.Request) error {
	return s.runTransition(func(svc *run.Service, r *http.Request, p auth.Principal, id int64) (*store.Run, error) {
		return svc.Approve(r.Context(), p, id)
	})(w, r)
}

// runDiscard serves POST /api/v1/runs/{id}/discard.
func (s *Server) runDiscard(w http.ResponseWriter, r *http.Request) error {
	return s.runTransition(func(svc *run.Service, r *http.Request, p auth.Principal, id int64) (*store.Run, error) {
		return svc.Discard(r.Context(), p, id)
	})(w, r)
}
