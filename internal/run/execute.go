package run

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/syncloud/syncloud/internal/adopt"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/tfrun"
	"github.com/syncloud/syncloud/internal/tfstate"
)

// ErrStateMoved means the workspace's state changed since the plan was
// made: the plan no longer describes what apply would do.
var ErrStateMoved = errors.New("the state has changed since the plan was made; plan again")

// plan renders the run's configuration, plans it with Terraform and stores
// the plan artifact.
func (w *Worker) plan(ctx context.Context, r *store.Run, token string, logw *LogWriter) error {
	s := w.Service
	ws, err := s.DB.Workspace(ctx, r.OrgID, r.WorkspaceID)
	if err != nil {
		return err
	}
	env, err := w.env(ctx, r, ws, token)
	if err != nil {
		return err
	}
	files, err := RenderConfig(ConfigInput{OrgID: r.OrgID, WorkspaceID: ws.ID, RunID: r.ID, Spec: r.Spec,
		ServerURL: w.ServerURL, Endpoint: env.Endpoint})
	if err != nil {
		return err
	}
	serial, err := s.State.Serial(ctx, r.OrgID, ws.ID)
	if err != nil {
		return err
	}
	logw.Line(fmt.Sprintf("SynCloud: planning run %d (%s) of workspace %q in %s", r.ID, r.Operation, ws.Name, ws.Region))
	res, err := w.Terraform.Plan(ctx, tfrun.Job{RunID: r.ID, Files: files, Env: env.Vars, Log: logw, Destroy: r.Operation == string(OpDestroy)})
	if err != nil {
		return err
	}
	if res.Imports != nil {
		files[adopt.FileName] = res.Imports
	}
	return s.storePlan(ctx, r, files, res, serial)
}

// storePlan records a finished plan on its run, ends the claim and audits
// it. Agents' uploaded plans go through it too.
func (s *Service) storePlan(ctx context.Context, r *store.Run, files Files, res *tfrun.PlanResult, serial int64) error {
	sum := Summarize(res.Plan)
	err := s.DB.SetRunPlanned(ctx, r.OrgID, r.ID, store.RunPlan{Config: files.Encode(), ConfigSHA256: files.Hash(),
		PlanJSON: string(res.JSON), PlanFile: res.File, PlanSHA256: res.SHA256,
		Add: sum.Add, Change: sum.Change, Destroy: sum.Destroy, Import: sum.Import, StateSerial: serial}, s.now())
	if err != nil {
		return err
	}
	if err := s.DB.EndRunLease(ctx, r.OrgID, r.ID); err != nil {
		return err
	}
	return runEvent(ctx, s.Audit, r, "run.plan", map[string]any{
		"prompt": r.Prompt, "config_sha256": files.Hash(), "plan_sha256": res.SHA256,
		"add": sum.Add, "change": sum.Change, "destroy": sum.Destroy, "import": sum.Import, "state_serial": serial,
		"terraform": files.Text()})
}

// apply applies the run's stored plan after the hash and state-serial
// checks, then records every resource it changed.
func (w *Worker) apply(ctx context.Context, r *store.Run, token string, logw *LogWriter) error {
	s := w.Service
	ws, err := s.DB.Workspace(ctx, r.OrgID, r.WorkspaceID)
	if err != nil {
		return err
	}
	if err := s.checkApplicable(ctx, r); err != nil {
		return err
	}
	env, err := w.env(ctx, r, ws, token)
	if err != nil {
		return err
	}
	files, err := DecodeFiles(r.Config)
	if err != nil {
		return err
	}
	before, err := s.resources(ctx, r.OrgID, ws.ID)
	if err != nil {
		return err
	}
	logw.Line(fmt.Sprintf("SynCloud: applying plan %s of run %d", r.PlanSHA256, r.ID))
	if err := w.Terraform.Apply(ctx, tfrun.Job{RunID: r.ID, Files: files, Env: env.Vars, Log: logw}, r.PlanFile, r.PlanSHA256); err != nil {
		return err
	}
	return s.finishApply(ctx, r, ws, before)
}

// checkApplicable refuses a plan whose file does not match its recorded
// SHA-256 or whose state serial has moved.
func (s *Service) checkApplicable(ctx context.Context, r *store.Run) error {
	if tfrun.SHA256Hex(r.PlanFile) != r.PlanSHA256 {
		return ErrPlanHash
	}
	serial, err := s.State.Serial(ctx, r.OrgID, r.WorkspaceID)
	if err != nil {
		return err
	}
	if serial != r.StateSerial {
		return fmt.Errorf("%w (serial %d at plan, %d now)", ErrStateMoved, r.StateSerial, serial)
	}
	return nil
}

// resources lists the workspace's resources in its latest state.
func (s *Service) resources(ctx context.Context, orgID, wsID int64) (map[string]tfstate.Resource, error) {
	st, err := s.State.Get(ctx, orgID, wsID)
	if errors.Is(err, tfstate.ErrNoState) {
		return map[string]tfstate.Resource{}, nil
	}
	if err != nil {
		return nil, err
	}
	return tfstate.Resources(st)
}

// finishApply marks an applied run, releases the apply lease and audits
// the apply and each resource it changed.
func (s *Service) finishApply(ctx context.Context, r *store.Run, ws *store.Workspace, before map[string]tfstate.Resource) error {
	after, err := s.resources(ctx, r.OrgID, ws.ID)
	if err != nil {
		return err
	}
	var p tfjson.Plan
	if err := json.Unmarshal([]byte(r.PlanJSON), &p); err != nil {
		return fmt.Errorf("decode stored plan: %w", err)
	}
	sum := Summarize(&p)
	// The audit events come first: a run that reads "applied" has its
	// resources in the audit log, and a crash between the two leaves a
	// run the reaper ends with its changes already recorded.
	if err := runEvent(ctx, s.Audit, r, "run.apply", map[string]any{"prompt": r.Prompt,
		"config_sha256": r.ConfigSHA256, "plan_sha256": r.PlanSHA256,
		"add": sum.Add, "change": sum.Change, "destroy": sum.Destroy, "import": sum.Import}); err != nil {
		return err
	}
	if err := resourceEvents(ctx, s.Audit, r, changesOf(sum, before, after, ws.Region)); err != nil {
		return err
	}
	if err := s.DB.SetRunStatus(ctx, r.OrgID, r.ID, strs(Applying), string(Applied), "", s.now()); err != nil {
		return err
	}
	return s.endApply(ctx, r)
}

// endApply releases the workspace's apply lease and the run's claim.
func (s *Service) endApply(ctx context.Context, r *store.Run) error {
	if err := s.DB.ReleaseApplyLease(ctx, r.OrgID, r.WorkspaceID, r.ID); err != nil {
		return err
	}
	return s.DB.EndRunLease(ctx, r.OrgID, r.ID)
}

// fail marks a busy run errored with the reason, releases what it held and
// audits the failure. State Terraform wrote before failing is kept.
// When recording fails the run stays busy until Reap finds its lease
// expired.
func (s *Service) fail(ctx context.Context, r *store.Run, cause error) error {
	if err := s.DB.SetRunStatus(ctx, r.OrgID, r.ID, strs(Planning, Applying), string(Errored), cause.Error(), s.now()); err != nil {
		return err
	}
	if err := s.endApply(ctx, r); err != nil {
		return err
	}
	return runEvent(ctx, s.Audit, r, "run.error", map[string]any{"error": cause.Error()})
}

// Reap marks errored every busy run whose holder's lease expired (its
// worker or agent died), releasing the apply lease and the state lock it
// left, so that a new run can recover. It returns how many it reaped.
func (s *Service) Reap(ctx context.Context) (int, error) {
	runs, err := s.DB.ExpiredRuns(ctx, s.now())
	if err != nil {
		return 0, err
	}
	for i := range runs {
		r := &runs[i]
		if err := s.fail(ctx, r, errors.New("the worker or agent running it stopped (lease expired); partial state is kept")); err != nil {
			return i, err
		}
		if err := s.State.Unlock(ctx, r.OrgID, r.WorkspaceID, nil); err != nil {
			return i, err
		}
	}
	return len(runs), nil
}

// ErrPlanHash means the plan file about to be applied is not the one that
// was planned and approved.
var ErrPlanHash = tfrun.ErrPlanHash
