package portal

import (
	"strconv"
	"strings"
	"time"

	"github.com/syncloud/syncloud/internal/run"
	"github.com/syncloud/syncloud/internal/store"
)

// runRow is one run in a list: what it did, who asked, when, and its
// "+/~/-" plan summary.
type runRow struct {
	ID        int64
	Status    string
	Operation string
	Prompt    string
	Who       string
	When      time.Time
	Planned   bool
	Add       int
	Change    int
	Destroy   int
	Import    int // resources an interrupted apply left outside the state
}

// newRunRow describes r, naming its actor from the organization's
// members.
func newRunRow(r *store.Run, names map[int64]string) runRow {
	return runRow{ID: r.ID, Status: r.Status, Operation: r.Operation, Prompt: r.Prompt,
		Who: actorName(r.Actor, names), When: r.CreatedAt, Planned: r.PlanSHA256 != "",
		Add: r.PlanAdd, Change: r.PlanChange, Destroy: r.PlanDestroy, Import: r.PlanImport}
}

// actorName is a member's email for "user:12", "API key 7" for a key, or
// the actor as stored.
func actorName(actor string, names map[int64]string) string {
	kind, id, _ := strings.Cut(actor, ":")
	n, err := strconv.ParseInt(id, 10, 64)
	switch {
	case err != nil:
		return actor
	case kind == "user" && names[n] != "":
		return names[n]
	case kind == "api_key":
		return "API key " + id
	case kind == "agent":
		return "agent " + id
	}
	return actor
}

// busy reports whether a run in status s is still moving on its own
// (queued, planning, approved or applying).
func busy(s string) bool {
	st := run.Status(s)
	return !st.Final() && st != run.Planned
}
