package run

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/tfrun"
)

// AgentJob is what a Local Agent gets when it claims a run: for a plan,
// the configuration to plan; for an approved run, also the plan file to
// apply after checking its SHA-256. Token is the run's state-backend
// password.
type AgentJob struct {
	Run      *store.Run
	Files    Files
	Token    string
	Endpoint string // the workspace's custom AWS endpoint, if any
	// Lease is how long the claim lasts without a heartbeat.
	Lease time.Duration
}

// agentName is the holder name of runs an agent claims.
func agentName(agentID int64) string { return "agent:" + strconv.FormatInt(agentID, 10) }

// ClaimForAgent leases the next queued agent-mode run of the caller's
// organization (or runID) to the agent. serverURL is the platform's URL
// as the agent reaches it. No run to take is store.ErrNotFound.
func (s *Service) ClaimForAgent(ctx context.Context, p auth.Principal, agentID, runID int64, serverURL string) (*AgentJob, error) {
	if _, err := s.DB.AgentByID(ctx, p.OrgID, agentID); err != nil {
		return nil, err
	}
	token, hash := NewToken()
	now := s.now()
	r, err := s.DB.ClaimRun(ctx, store.RunClaim{Mode: string(ModeAgent), OrgID: p.OrgID, RunID: runID,
		Worker: agentName(agentID), AgentID: agentID, Now: now, Until: now.Add(s.agentLease()), TokenHash: hash})
	if err != nil {
		return nil, err
	}
	job, err := s.agentJob(ctx, r, token, serverURL)
	if err != nil {
		if ferr := s.fail(ctx, r, err); ferr != nil {
			return nil, errors.Join(err, ferr)
		}
		return nil, err
	}
	job.Lease = s.agentLease()
	return job, nil
}

func (s *Service) agentJob(ctx context.Context, r *store.Run, token, serverURL string) (*AgentJob, error) {
	ws, err := s.DB.Workspace(ctx, r.OrgID, r.WorkspaceID)
	if err != nil {
		return nil, err
	}
	job := &AgentJob{Run: r, Token: token}
	if ws.ConnectionID != 0 {
		if c, err := s.DB.AWSConnectionByID(ctx, r.OrgID, ws.ConnectionID); err == nil && c.Kind == "endpoint" {
			job.Endpoint = c.EndpointURL
		}
	}
	if Status(r.Status) == Applying {
		if err := s.checkApplicable(ctx, r); err != nil {
			return nil, err
		}
		job.Files, err = DecodeFiles(r.Config)
		return job, err
	}
	job.Files, err = RenderConfig(ConfigInput{OrgID: r.OrgID, WorkspaceID: ws.ID, RunID: r.ID, Spec: r.Spec,
		ServerURL: serverURL, Endpoint: job.Endpoint})
	if err != nil {
		return nil, err
	}
	serial, err := s.State.Serial(ctx, r.OrgID, ws.ID)
	if err != nil {
		return nil, err
	}
	r.StateSerial = serial
	return job, s.DB.SetRunConfig(ctx, r.OrgID, r.ID, job.Files.Encode(), job.Files.Hash(), serial)
}

// heldBy loads a busy run and checks that the agent holds it.
func (s *Service) heldBy(ctx context.Context, p auth.Principal, agentID, runID int64) (*store.Run, error) {
	r, err := s.DB.Run(ctx, p.OrgID, runID)
	if err != nil {
		return nil, err
	}
	if r.Worker != agentName(agentID) {
		return nil, conflictf("run %d is not held by agent %d", runID, agentID)
	}
	return r, nil
}

// UploadPlan stores the plan an agent made for a run it holds: the plan
// JSON as `terraform show -json` printed it and the saved plan file.
func (s *Service) UploadPlan(ctx context.Context, p auth.Principal, agentID, runID int64, planJSON, file []byte) (*store.Run, error) {
	r, err := s.heldBy(ctx, p, agentID, runID)
	if err != nil {
		return nil, err
	}
	var plan tfjson.Plan
	if err := json.Unmarshal(planJSON, &plan); err != nil {
		return nil, fmt.Errorf("%w: plan_json: %v", ErrInvalid, err)
	}
	if len(file) == 0 {
		return nil, fmt.Errorf("%w: plan_file is required", ErrInvalid)
	}
	files, err := DecodeFiles(r.Config)
	if err != nil {
		return nil, err
	}
	res := &tfrun.PlanResult{Plan: &plan, JSON: planJSON, File: file, SHA256: tfrun.SHA256Hex(file)}
	if err := s.storePlan(ctx, r, files, res, r.StateSerial); err != nil {
		return nil, err
	}
	return s.DB.Run(ctx, p.OrgID, runID)
}

// AgentReport records the outcome an agent reports for a run it holds:
// Applied after a successful apply (the resources are read from the
// state the apply wrote), or Errored with a message.
func (s *Service) AgentReport(ctx context.Context, p auth.Principal, agentID, runID int64, st Status, msg string) (*store.Run, error) {
	r, err := s.heldBy(ctx, p, agentID, runID)
	if err != nil {
		return nil, err
	}
	switch {
	case st == Errored:
		err = s.fail(ctx, r, errors.New("agent: "+msg))
	case st == Applied && Status(r.Status) == Applying:
		err = s.finishAgentApply(ctx, r)
	default:
		return nil, conflictf("cannot report %s for a run that is %s", st, r.Status)
	}
	if err != nil {
		return nil, err
	}
	return s.DB.Run(ctx, p.OrgID, runID)
}

// RenewForAgent extends the lease of a run an agent holds (its heartbeat
// while Terraform works).
func (s *Service) RenewForAgent(ctx context.Context, p auth.Principal, agentID, runID int64) error {
	r, err := s.heldBy(ctx, p, agentID, runID)
	if err != nil {
		return err
	}
	until := s.now().Add(s.agentLease())
	if err := s.DB.RenewRunLease(ctx, p.OrgID, runID, r.Worker, until); err != nil {
		return err
	}
	if Status(r.Status) == Applying {
		return s.DB.RenewApplyLease(ctx, p.OrgID, r.WorkspaceID, r.ID, r.Fence, until)
	}
	return nil
}

// AppendAgentLog stores output of a run the agent holds.
func (s *Service) AppendAgentLog(ctx context.Context, p auth.Principal, agentID, runID int64, text string) error {
	if _, err := s.heldBy(ctx, p, agentID, runID); err != nil {
		return err
	}
	return s.DB.AppendRunLog(ctx, p.OrgID, runID, text, s.now())
}
