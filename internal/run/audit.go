package run

import (
	"context"
	"fmt"
	"strings"

	"github.com/syncloud/syncloud/internal/audit"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/tfstate"
)

// cutActor splits "user:12" into its kind and ID.
func cutActor(actor string) (kind, id string, ok bool) {
	return strings.Cut(actor, ":")
}

// runEvent records what a run did, with the person or key that queued it
// as actor and the worker or agent that executed it in the details.
func runEvent(ctx context.Context, a Auditor, r *store.Run, action string, details map[string]any) error {
	kind, id, _ := cutActor(r.Actor)
	if details == nil {
		details = map[string]any{}
	}
	details["workspace_id"] = r.WorkspaceID
	details["operation"] = r.Operation
	_, err := a.Append(ctx, audit.Event{OrgID: r.OrgID, Actor: audit.Actor{Type: kind, ID: id},
		Action: action, Target: audit.Target{Type: "run", ID: fmt.Sprint(r.ID)}, Details: details})
	return err
}

// Change is one resource a run's apply created, updated or deleted.
type Change struct {
	Action  string // "create", "update", "delete", "replace", "import"
	Address string
	Type    string
	Name    string
	Region  string
	ID      string
}

// resourceEvents records each resource an apply changed, with its ID from
// the state after the apply (or, for a deleted one, before it).
func resourceEvents(ctx context.Context, a Auditor, r *store.Run, changes []Change) error {
	for _, c := range changes {
		err := runEvent(ctx, a, r, "resource."+c.Action, map[string]any{
			"address": c.Address, "type": c.Type, "name": c.Name, "region": c.Region, "id": c.ID})
		if err != nil {
			return err
		}
	}
	return nil
}

// changesOf joins a plan's resource changes with the resource IDs of the
// state before and after the apply.
func changesOf(sum Summary, before, after map[string]tfstate.Resource, region string) []Change {
	var out []Change
	for _, rc := range sum.Changes {
		c := Change{Action: rc.Action, Address: rc.Address, Type: rc.Type, Name: rc.Name, Region: region}
		res, ok := after[rc.Address]
		if !ok {
			res = before[rc.Address]
		}
		c.ID = res.ID
		if res.Region != "" {
			c.Region = res.Region
		}
		out = append(out, c)
	}
	return out
}

// finishAgentApply finishes an apply an agent reports done. The state
// before it is the version the run was planned against: the agent's claim
// of the approved run was refused if the serial had moved since.
func (s *Service) finishAgentApply(ctx context.Context, r *store.Run) error {
	ws, err := s.DB.Workspace(ctx, r.OrgID, r.WorkspaceID)
	if err != nil {
		return err
	}
	before, err := s.resourcesAt(ctx, r.OrgID, ws.ID, r.StateSerial)
	if err != nil {
		return err
	}
	return s.finishApply(ctx, r, ws, before)
}

// resourcesAt lists the resources of one state version of a workspace;
// serial -1 is "no state yet".
func (s *Service) resourcesAt(ctx context.Context, orgID, wsID, serial int64) (map[string]tfstate.Resource, error) {
	if serial < 0 {
		return map[string]tfstate.Resource{}, nil
	}
	st, err := s.State.Version(ctx, orgID, wsID, serial)
	if err != nil {
		return nil, fmt.Errorf("state serial %d before the apply: %w", serial, err)
	}
	return tfstate.Resources(st)
}
