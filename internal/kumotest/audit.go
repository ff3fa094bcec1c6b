package kumotest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/syncloud/syncloud/internal/store"
)

// RunResources reads the audit log's resource events of one run
// (resource.create, resource.update, resource.delete, resource.replace)
// and returns the addresses by action, sorted. Every event must carry the
// resource's type, name, region and ID; the test fails on one that does
// not.
func RunResources(t testing.TB, db *store.DB, orgID, runID int64) map[string][]string {
	t.Helper()
	evs, err := db.AuditEvents(context.Background(), orgID, store.AuditFilter{
		Action: "resource.", TargetType: "run", TargetID: fmt.Sprint(runID), Limit: 1000})
	if err != nil {
		t.Fatalf("audit events of run %d: %v", runID, err)
	}
	out := map[string][]string{}
	for _, ev := range evs {
		var d struct{ Address, Type, Name, Region, ID string }
		if err := json.Unmarshal([]byte(ev.Details), &d); err != nil {
			t.Fatalf("audit event %d details: %v", ev.Seq, err)
		}
		if d.Type == "" || d.Name == "" || d.Region == "" || d.ID == "" {
			t.Errorf("run %d: %s event without type, name, region or ID: %s", runID, ev.Action, ev.Details)
		}
		out[ev.Action] = append(out[ev.Action], d.Address)
	}
	for _, addrs := range out {
		slices.Sort(addrs)
	}
	return out
}

// PlanActions reads a plan in `terraform show -json` form and returns the
// managed resources it changes by the audit action each change must be
// recorded as (resource.create, resource.update, resource.delete,
// resource.replace, resource.import), sorted.
func PlanActions(t testing.TB, planJSON []byte) map[string][]string {
	t.Helper()
	var p struct {
		ResourceChanges []struct {
			Address string
			Mode    string
			Change  struct {
				Actions   []string
				Importing *struct{ ID string }
			}
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal(planJSON, &p); err != nil {
		t.Fatalf("plan JSON: %v", err)
	}
	out := map[string][]string{}
	for _, rc := range p.ResourceChanges {
		a := rc.Change.Actions
		action := ""
		switch {
		case rc.Mode != "managed":
		case rc.Change.Importing != nil:
			action = "import"
		case len(a) == 2:
			action = "replace"
		case len(a) == 1 && a[0] != "no-op" && a[0] != "read":
			action = a[0]
		}
		if action != "" {
			out["resource."+action] = append(out["resource."+action], rc.Address)
		}
	}
	for _, addrs := range out {
		slices.Sort(addrs)
	}
	return out
}
