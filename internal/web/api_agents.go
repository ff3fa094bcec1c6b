package web

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/syncloud/syncloud/internal/run"
	"github.com/syncloud/syncloud/internal/store"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// agentView is a registered Local Agent.
type agentView struct {
	ID         int64     `json:"id"`
	Name       string    `json:"name"`
	OS         string    `json:"os"`
	Arch       string    `json:"arch"`
	Version    string    `json:"version"`
	CreatedAt  time.Time `json:"created_at"`
	LastSeenAt time.Time `json:"last_seen_at"`
}

func newAgentView(a *store.Agent) agentView {
	return agentView{ID: a.ID, Name: a.Name, OS: a.OS, Arch: a.Arch, Version: a.Version,
		CreatedAt: a.CreatedAt, LastSeenAt: a.LastSeenAt}
}

type agentInfo struct {
	Name    string `json:"name,omitempty"`
	OS      string `json:"os,omitempty"`
	Arch    string `json:"arch,omitempty"`
	Version string `json:"version,omitempty"`
}

// agentRegister serves POST /api/v1/agents/register.
func (s *Server) agentRegister(w http.ResponseWriter, r *http.Request) error {
	var req agentInfo
	if err := readJSON(w, r, 4096, &req); err != nil {
		return err
	}
	if req.Name == "" || len(req.Name) > 100 || len(req.OS) > 40 || len(req.Arch) > 40 || len(req.Version) > 60 {
		return errorf(http.StatusBadRequest, "name (1-100 characters) is required; os, arch and version are short strings")
	}
	p := mustPrincipal(r.Context())
	a := &store.Agent{Name: req.Name, OS: req.OS, Arch: req.Arch, Version: req.Version, CreatedBy: p.UserID, CreatedAt: s.now()}
	if err := s.deps.DB.CreateAgent(r.Context(), p.OrgID, a); err != nil {
		return err
	}
	ev := actorEvent(p, "agent.register", "agent:"+itoa(a.ID), map[string]any{"name": a.Name, "os": a.OS, "arch": a.Arch, "version": a.Version})
	if err := s.deps.Audit.Append(r.Context(), ev); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, newAgentView(a))
}

// agentList serves GET /api/v1/agents.
func (s *Server) agentList(w http.ResponseWriter, r *http.Request) error {
	list, err := s.deps.DB.Agents(r.Context(), mustPrincipal(r.Context()).OrgID)
	if err != nil {
		return err
	}
	out := viewsOf(list, newAgentView)
	return writeJSON(w, http.StatusOK, map[string]any{"agents": out})
}

// agentHeartbeat serves POST /api/v1/agents/{id}/heartbeat; with a run_id
// it also renews the lease of the run the agent is executing.
func (s *Server) agentHeartbeat(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p := mustPrincipal(r.Context())
	if _, err := s.deps.DB.AgentByID(r.Context(), p.OrgID, id); err != nil {
		return err
	}
	var req struct {
		agentInfo
		RunID int64 `json:"run_id,omitempty"`
	}
	if err := readJSON(w, r, 4096, &req); err != nil {
		return err
	}
	if err := s.deps.DB.TouchAgent(r.Context(), p.OrgID, id, req.OS, req.Arch, req.Version, s.now()); err != nil {
		return err
	}
	if req.RunID != 0 {
		rd, err := s.runs()
		if err != nil {
			return err
		}
		if err := rd.Service.RenewForAgent(r.Context(), p, id, req.RunID); err != nil {
			return runError(err)
		}
	}
	a, err := s.deps.DB.AgentByID(r.Context(), p.OrgID, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newAgentView(a))
}

// jobView is a claimed run for an agent.
type jobView struct {
	Run        runView           `json:"run"`
	Files      map[string]string `json:"files"`
	Backend    backendView       `json:"backend"`
	Endpoint   string            `json:"aws_endpoint_url,omitempty"`
	PlanFile   string            `json:"plan_file,omitempty"` // base64
	PlanSHA256 string            `json:"plan_sha256,omitempty"`
	// LeaseSeconds is how long the claim lasts without a heartbeat.
	LeaseSeconds float64 `json:"lease_seconds"`
}

type backendView struct {
	Address       string `json:"address"`
	LockAddress   string `json:"lock_address"`
	UnlockAddress string `json:"unlock_address"`
	Username      string `json:"username"`
	Password      string `json:"password"`
}

// agentClaim serves POST /api/v1/agents/{id}/claim: the next queued
// agent-mode run (or run_id), leased to the agent, waiting up to wait
// seconds (at most 30) for one; 204 when none came.
func (s *Server) agentClaim(w http.ResponseWriter, r *http.Request) error {
	rd, err := s.runs()
	if err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p := mustPrincipal(r.Context())
	if _, err := s.deps.DB.AgentByID(r.Context(), p.OrgID, id); err != nil {
		return err
	}
	var req struct {
		RunID int64 `json:"run_id,omitempty"`
		Wait  int   `json:"wait,omitempty"`
	}
	if err := readJSON(w, r, 4096, &req); err != nil {
		return err
	}
	base := s.publicURL(r, rd)
	deadline := time.Now().Add(time.Duration(min(max(req.Wait, 0), 30)) * time.Second)
	for {
		job, err := rd.Service.ClaimForAgent(r.Context(), p, id, req.RunID, base)
		if err == nil {
			return writeJSON(w, http.StatusOK, newJobView(job, base))
		}
		if !errors.Is(err, store.ErrNotFound) || time.Now().After(deadline) {
			if errors.Is(err, store.ErrNotFound) {
				w.WriteHeader(http.StatusNoContent)
				return nil
			}
			return runError(err)
		}
		select {
		case <-r.Context().Done():
			return r.Context().Err()
		case <-time.After(time.Second):
		}
	}
}

func newJobView(job *run.AgentJob, base string) jobView {
	state := base + run.StatePath(job.Run.WorkspaceID)
	v := jobView{Run: newRunView(job.Run), Files: map[string]string{}, Endpoint: job.Endpoint, LeaseSeconds: job.Lease.Seconds(),
		Backend: backendView{Address: state, LockAddress: state, UnlockAddress: state,
			Username: run.BackendUsername, Password: job.Token}}
	for n, b := range job.Files {
		v.Files[n] = string(b)
	}
	if run.Status(job.Run.Status) == run.Applying {
		v.PlanFile = base64.StdEncoding.EncodeToString(job.Run.PlanFile)
		v.PlanSHA256 = job.Run.PlanSHA256
	}
	return v
}

// publicURL is the platform's base URL as the agent reached it.
func (s *Server) publicURL(r *http.Request, rd *RunDeps) string {
	if rd.PublicURL != "" {
		return rd.PublicURL
	}
	scheme := "https"
	if r.TLS == nil {
		scheme = "http"
	}
	return scheme + "://" + r.Host
}

// agentID reads the agent's ID from the X-SyncCloud-Agent-Id header.
func agentID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.Header.Get("X-SyncCloud-Agent-Id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errorf(http.StatusBadRequest, "the X-SyncCloud-Agent-Id header must name the registered agent")
	}
	return id, nil
}

// agentRunCall reads what every call of an agent about a run it holds
// carries: the run (of the caller's organization) named in the path, the
// JSON body into req (at most limit bytes) and the agent's ID header.
func (s *Server) agentRunCall(w http.ResponseWriter, r *http.Request, limit int64, req any) (*RunDeps, *store.Run, int64, error) {
	rd, err := s.runs()
	if err != nil {
		return nil, nil, 0, err
	}
	rn, err := s.orgRun(r)
	if err != nil {
		return nil, nil, 0, err
	}
	if err := readJSON(w, r, limit, req); err != nil {
		return nil, nil, 0, err
	}
	aid, err := agentID(r)
	if err != nil {
		return nil, nil, 0, err
	}
	return rd, rn, aid, nil
}

// runPlanUpload serves PUT /api/v1/runs/{id}/plan: the agent's plan of a
// run it holds.
func (s *Server) runPlanUpload(w http.ResponseWriter, r *http.Request) error {
	var req struct {
		PlanJSON json.RawMessage `json:"plan_json"`
		PlanFile []byte          `json:"plan_file"` // base64 in JSON
	}
	rd, rn, aid, err := s.agentRunCall(w, r, 64<<20, &req)
	if err != nil {
		return err
	}
	rn, err = rd.Service.UploadPlan(r.Context(), mustPrincipal(r.Context()), aid, rn.ID, req.PlanJSON, req.PlanFile)
	if err != nil {
		return runError(err)
	}
	return writeJSON(w, http.StatusOK, newRunView(rn))
}

// runStatusReport serves PUT /api/v1/runs/{id}/status: the agent reports
// applied or errored for a run it holds.
func (s *Server) runStatusReport(w http.ResponseWriter, r *http.Request) error {
	var req struct {
		Status string `json:"status"`
		Error  string `json:"error,omitempty"`
	}
	rd, rn, aid, err := s.agentRunCall(w, r, 64<<10, &req)
	if err != nil {
		return err
	}
	rn, err = rd.Service.AgentReport(r.Context(), mustPrincipal(r.Context()), aid, rn.ID, run.Status(req.Status), req.Error)
	if err != nil {
		return runError(err)
	}
	return writeJSON(w, http.StatusOK, newRunView(rn))
}

// runLogAppend serves POST /api/v1/runs/{id}/logs: output of a run the
// calling agent holds.
func (s *Server) runLogAppend(w http.ResponseWriter, r *http.Request) error {
	var req struct {
		Text string `json:"text"`
	}
	rd, rn, aid, err := s.agentRunCall(w, r, 1<<20, &req)
	if err != nil {
		return err
	}
	if err := rd.Service.AppendAgentLog(r.Context(), mustPrincipal(r.Context()), aid, rn.ID, req.Text); err != nil {
		return runError(err)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
