package run

import (
	tfjson "github.com/hashicorp/terraform-json"
)

// Summary is a plan's "+/~/-" count and the resources it changes.
type Summary struct {
	Add     int             `json:"add"`
	Change  int             `json:"change"`
	Destroy int             `json:"destroy"`
	Import  int             `json:"import"`
	Changes []PlannedChange `json:"changes"`
}

// PlannedChange is one managed resource a plan acts on.
type PlannedChange struct {
	Action  string `json:"action"` // "create", "update", "delete", "replace", "import"
	Address string `json:"address"`
	Type    string `json:"type"`
	Name    string `json:"name"`
}

// Summarize counts a plan's changes as Terraform's "Plan: N to import, N
// to add, N to change, N to destroy" does: a replacement counts as one add
// and one destroy, an import that also updates as one import and one
// change; reads and no-ops are not changes.
func Summarize(p *tfjson.Plan) Summary {
	s := Summary{Changes: []PlannedChange{}}
	for _, rc := range p.ResourceChanges {
		if rc.Mode != tfjson.ManagedResourceMode || rc.Change == nil {
			continue
		}
		a := rc.Change.Actions
		var action string
		switch {
		case rc.Change.Importing != nil:
			s.Import++
			if a.Update() {
				s.Change++
			}
			action = "import"
		case a.Replace():
			s.Add++
			s.Destroy++
			action = "replace"
		case a.Create():
			s.Add++
			action = "create"
		case a.Update():
			s.Change++
			action = "update"
		case a.Delete():
			s.Destroy++
			action = "delete"
		default:
			continue
		}
		s.Changes = append(s.Changes, PlannedChange{Action: action, Address: rc.Address, Type: rc.Type, Name: rc.Name})
	}
	return s
}
