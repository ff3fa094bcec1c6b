package agent

import (
	"encoding/json"
	"fmt"

	tfjson "github.com/hashicorp/terraform-json"
)

// Change is one resource change of a plan, as the agent shows it.
type Change struct {
	// Symbol is +, ~, - or -/+ (replace).
	Symbol  string `json:"symbol"`
	Action  string `json:"action"`
	Address string `json:"address"`
}

// PlanChanges lists the resource changes of a plan in `terraform show
// -json` form, leaving out no-ops and reads.
func PlanChanges(planJSON []byte) ([]Change, error) {
	var p tfjson.Plan
	if err := json.Unmarshal(planJSON, &p); err != nil {
		return nil, fmt.Errorf("decode plan: %w", err)
	}
	var out []Change
	for _, rc := range p.ResourceChanges {
		if rc.Change == nil {
			continue
		}
		c, ok := change(rc.Change.Actions)
		if rc.Change.Importing != nil {
			c, ok = Change{Symbol: "i", Action: "import"}, true
			if rc.Change.Actions.Update() {
				c.Action = "import+update"
			}
		}
		if !ok {
			continue
		}
		c.Address = rc.Address
		out = append(out, c)
	}
	return out, nil
}

func change(a tfjson.Actions) (Change, bool) {
	switch {
	case a.Create():
		return Change{Symbol: "+", Action: "create"}, true
	case a.Update():
		return Change{Symbol: "~", Action: "update"}, true
	case a.Delete():
		return Change{Symbol: "-", Action: "delete"}, true
	case a.Replace():
		return Change{Symbol: "-/+", Action: "replace"}, true
	}
	return Change{}, false
}

// Count sums changes the way Terraform's plan summary does: a replace is
// one add and one destroy, an import that also updates one import and one
// change.
func Count(cs []Change) Summary {
	var s Summary
	for _, c := range cs {
		switch c.Action {
		case "create":
			s.Add++
		case "update":
			s.Change++
		case "delete":
			s.Destroy++
		case "replace":
			s.Add++
			s.Destroy++
		case "import":
			s.Import++
		case "import+update":
			s.Import++
			s.Change++
		}
	}
	return s
}
