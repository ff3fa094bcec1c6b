package portal

import (
	"encoding/json"
	"fmt"
	"net/http"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/syncloud/syncloud/internal/run"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/tfstate"
)

// changeRow is one resource a plan creates, updates, replaces or
// deletes; after the apply, with the resource's ID.
type changeRow struct {
	Symbol  string // "+", "~", "-+" or "-"
	Action  string
	Address string
	ID      string
}

// changeSymbols are Terraform's marks for each action.
var changeSymbols = map[string]string{"create": "+", "update": "~", "replace": "-/+", "delete": "-"}

// runChanges lists the planned changes; for an applied run each carries
// the resource ID from the state the apply wrote.
func (p *Portal) runChanges(r *http.Request, rn *store.Run) ([]changeRow, error) {
	if rn.PlanJSON == "" {
		return nil, nil
	}
	var plan tfjson.Plan
	if err := json.Unmarshal([]byte(rn.PlanJSON), &plan); err != nil {
		return nil, fmt.Errorf("decode plan of run %d: %w", rn.ID, err)
	}
	ids, err := p.appliedIDs(r, rn)
	if err != nil {
		return nil, err
	}
	sum := run.Summarize(&plan)
	out := make([]changeRow, 0, len(sum.Changes))
	for _, c := range sum.Changes {
		out = append(out, changeRow{Symbol: changeSymbols[c.Action], Action: c.Action, Address: c.Address, ID: ids[c.Address].ID})
	}
	return out, nil
}

// appliedIDs reads the resources of the newest state an applied run
// wrote; nothing for other runs.
func (p *Portal) appliedIDs(r *http.Request, rn *store.Run) (map[string]tfstate.Resource, error) {
	if run.Status(rn.Status) != run.Applied || p.deps.Runs == nil {
		return nil, nil
	}
	versions, err := p.deps.DB.StateVersions(r.Context(), rn.OrgID, rn.WorkspaceID)
	if err != nil {
		return nil, err
	}
	for _, v := range versions { // newest first
		if v.RunID != rn.ID {
			continue
		}
		st, err := p.deps.Runs.State.Version(r.Context(), rn.OrgID, rn.WorkspaceID, v.Serial)
		if err != nil {
			return nil, err
		}
		return tfstate.Resources(st)
	}
	return nil, nil
}
