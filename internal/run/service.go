package run

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/syncloud/syncloud/internal/audit"
	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/spec"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/tfstate"
)

// Auditor durably records audit events; *audit.Writer is one.
type Auditor interface {
	Append(ctx context.Context, ev audit.Event) (audit.Record, error)
}

// Service is the runs API the web layer calls: workspaces, asking, queuing,
// approving and discarding runs.
type Service struct {
	DB        *store.DB
	Generator *lml.Generator
	Audit     Auditor
	State     *tfstate.Backend
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// ApplyLease is how long an approval holds the workspace's apply lease
	// before the applying worker must renew it; 0 means DefaultLease.
	ApplyLease time.Duration
	// AgentLease is how long an agent's claim of a run lasts without a
	// heartbeat; 0 means DefaultLease.
	AgentLease time.Duration
}

// DefaultLease is the lease of a claimed run and of an approval.
const DefaultLease = 2 * time.Minute

// ErrInvalid wraps problems with a caller's input.
var ErrInvalid = errors.New("invalid request")

// MaxPromptBytes bounds a prompt asked in a workspace.
const MaxPromptBytes = 16 << 10

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

func (s *Service) agentLease() time.Duration {
	if s.AgentLease > 0 {
		return s.AgentLease
	}
	return DefaultLease
}

func (s *Service) applyLease() time.Duration {
	if s.ApplyLease > 0 {
		return s.ApplyLease
	}
	return DefaultLease
}

// WorkspaceInput is a new workspace as a user asks for it.
type WorkspaceInput struct {
	Name         string
	Region       string
	ConnectionID int64
	Mode         string
}

// CreateWorkspace adds a workspace to the caller's organization.
func (s *Service) CreateWorkspace(ctx context.Context, p auth.Principal, in WorkspaceInput) (*store.Workspace, error) {
	mode, err := ParseMode(in.Mode)
	if err != nil {
		return nil, err
	}
	if in.Name == "" || len(in.Name) > 100 || !utf8.ValidString(in.Name) {
		return nil, fmt.Errorf("%w: a name of 1 to 100 characters is required", ErrInvalid)
	}
	if in.Region == "" {
		in.Region = lml.DefaultRegion
	}
	if !spec.ValidRegion(in.Region) {
		return nil, fmt.Errorf("%w: region %q is not an AWS region code", ErrInvalid, in.Region)
	}
	if in.ConnectionID != 0 {
		if _, err := s.DB.AWSConnectionByID(ctx, p.OrgID, in.ConnectionID); err != nil {
			return nil, fmt.Errorf("%w: connection %d: %w", ErrInvalid, in.ConnectionID, err)
		}
	}
	ws := &store.Workspace{Name: in.Name, Region: in.Region, ConnectionID: in.ConnectionID,
		ExecutionMode: string(mode), CreatedBy: p.UserID, CreatedAt: s.now()}
	if err := s.DB.CreateWorkspace(ctx, p.OrgID, ws); err != nil {
		return nil, err
	}
	return ws, s.audit(ctx, p, "workspace.create", "workspace", ws.ID, map[string]any{
		"name": ws.Name, "region": ws.Region, "execution_mode": ws.ExecutionMode, "connection_id": ws.ConnectionID})
}

// Ask edits the workspace's spec with a prompt (the LML pipeline with the
// current spec), stores the new spec and queues a plan of it.
func (s *Service) Ask(ctx context.Context, p auth.Principal, wsID int64, prompt string) (*store.Run, *lml.Result, error) {
	if prompt == "" || len(prompt) > MaxPromptBytes || !utf8.ValidString(prompt) {
		return nil, nil, fmt.Errorf("%w: a UTF-8 prompt of 1 to %d bytes is required", ErrInvalid, MaxPromptBytes)
	}
	ws, err := s.DB.Workspace(ctx, p.OrgID, wsID)
	if err != nil {
		return nil, nil, err
	}
	current, err := workspaceSpec(ws)
	if err != nil {
		return nil, nil, err
	}
	res, err := s.Generator.Generate(ctx, lml.Request{Prompt: prompt, Region: ws.Region, Current: current})
	if err != nil {
		return nil, nil, err
	}
	b, err := json.Marshal(res.Stack)
	if err != nil {
		return nil, nil, fmt.Errorf("encode spec: %w", err)
	}
	if err := s.DB.SetWorkspaceSpec(ctx, p.OrgID, wsID, string(b), s.now()); err != nil {
		return nil, nil, err
	}
	ws.Spec = string(b)
	r, err := s.queue(ctx, p, ws, OpApply, prompt, res.Findings)
	return r, res, err
}

// workspaceSpec decodes a workspace's current spec; nil before the first
// ask.
func workspaceSpec(ws *store.Workspace) (*spec.Stack, error) {
	if ws.Spec == "" {
		return nil, nil
	}
	var st spec.Stack
	if err := json.Unmarshal([]byte(ws.Spec), &st); err != nil {
		return nil, fmt.Errorf("decode spec of workspace %d: %w", ws.ID, err)
	}
	return &st, nil
}

// Queue queues a plan of the workspace's current spec: op apply to make
// the resources match it, destroy to remove them.
func (s *Service) Queue(ctx context.Context, p auth.Principal, wsID int64, op Operation) (*store.Run, error) {
	ws, err := s.DB.Workspace(ctx, p.OrgID, wsID)
	if err != nil {
		return nil, err
	}
	if ws.Spec == "" {
		return nil, fmt.Errorf("%w: the workspace has no spec yet; ask for something first", ErrInvalid)
	}
	return s.queue(ctx, p, ws, op, "", nil)
}

func (s *Service) queue(ctx context.Context, p auth.Principal, ws *store.Workspace, op Operation, prompt string, findings any) (*store.Run, error) {
	fj, err := json.Marshal(findings)
	if err != nil || findings == nil {
		fj = []byte("[]")
	}
	r := &store.Run{WorkspaceID: ws.ID, Operation: string(op), Status: string(Pending),
		ExecutionMode: ws.ExecutionMode, Prompt: prompt, Spec: ws.Spec, Findings: string(fj),
		StateSerial: -1, CreatedBy: p.UserID, Actor: p.Actor(), CreatedAt: s.now()}
	if err := s.DB.CreateRun(ctx, p.OrgID, r); err != nil {
		return nil, err
	}
	return r, s.audit(ctx, p, "run.queue", "run", r.ID, map[string]any{
		"workspace_id": ws.ID, "operation": r.Operation, "prompt": prompt})
}

// Approve approves a planned run for apply, taking the workspace's apply
// lease: while another run holds it, the answer is store.ErrConflict.
func (s *Service) Approve(ctx context.Context, p auth.Principal, runID int64) (*store.Run, error) {
	r, err := s.DB.Run(ctx, p.OrgID, runID)
	if err != nil {
		return nil, err
	}
	if Status(r.Status) != Planned {
		return nil, conflictf("run %d is %s: only a planned run can be approved", r.ID, r.Status)
	}
	now := s.now()
	fence, err := s.DB.AcquireApplyLease(ctx, p.OrgID, r.WorkspaceID, r.ID, now, now.Add(s.applyLease()))
	if err != nil {
		if errors.Is(err, store.ErrConflict) {
			return nil, conflictf("another run is applying in this workspace: wait for it to end, or discard it if it has not started")
		}
		return nil, err
	}
	err = s.DB.Transact(ctx, func(tx *store.Tx) error {
		if err := tx.SetRunFence(ctx, p.OrgID, r.ID, fence); err != nil {
			return err
		}
		return tx.SetRunStatus(ctx, p.OrgID, r.ID, strs(Planned), string(Approved), "", now)
	})
	if err != nil {
		s.DB.ReleaseApplyLease(ctx, p.OrgID, r.WorkspaceID, r.ID)
		return nil, err
	}
	if err := s.audit(ctx, p, "run.approve", "run", r.ID, map[string]any{"plan_sha256": r.PlanSHA256, "fence": fence}); err != nil {
		return nil, err
	}
	return s.DB.Run(ctx, p.OrgID, r.ID)
}

// Discard drops a pending or planned run; an approved run that has not
// started applying is discarded too, releasing the apply lease.
func (s *Service) Discard(ctx context.Context, p auth.Principal, runID int64) (*store.Run, error) {
	r, err := s.DB.Run(ctx, p.OrgID, runID)
	if err != nil {
		return nil, err
	}
	if err := s.DB.SetRunStatus(ctx, p.OrgID, runID, strs(Pending, Planned, Approved), string(Discarded), "", s.now()); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return nil, conflictf("run %d is %s and cannot be discarded", runID, r.Status)
		}
		return nil, err
	}
	if err := s.DB.ReleaseApplyLease(ctx, p.OrgID, r.WorkspaceID, r.ID); err != nil {
		return nil, err
	}
	if err := s.audit(ctx, p, "run.discard", "run", r.ID, nil); err != nil {
		return nil, err
	}
	return s.DB.Run(ctx, p.OrgID, runID)
}

// audit records an event by the caller in its organization's chain.
func (s *Service) audit(ctx context.Context, p auth.Principal, action, typ string, id int64, details map[string]any) error {
	kind, actorID, _ := cutActor(p.Actor())
	ev := audit.Event{OrgID: p.OrgID, Actor: audit.Actor{Type: kind, ID: actorID},
		Action: action, Target: audit.Target{Type: typ, ID: fmt.Sprint(id)}}
	if details != nil { // a nil map would be a JSON null, not an object
		ev.Details = details
	}
	_, err := s.Audit.Append(ctx, ev)
	return err
}

// conflictError is a refused transition (store.ErrConflict) whose message
// can be shown as it is.
type conflictError struct{ msg string }

func (e *conflictError) Error() string { return e.msg }
func (e *conflictError) Unwrap() error { return store.ErrConflict }

func conflictf(format string, args ...any) error {
	return &conflictError{msg: fmt.Sprintf(format, args...)}
}
