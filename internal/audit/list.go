package audit

import (
	"context"

	"github.com/syncloud/syncloud/internal/store"
)

// Filter narrows List: AfterSeq and Limit paginate; actor, action (exact
// or a prefix ending in "."), target and time filter.
type Filter = store.AuditFilter

// List returns a chain's events in sequence order, for the API and the
// activity page.
func List(ctx context.Context, db *store.DB, orgID int64, f Filter) ([]Record, error) {
	rows, err := db.AuditEvents(ctx, orgID, f)
	if err != nil {
		return nil, err
	}
	out := make([]Record, len(rows))
	for i := range rows {
		out[i] = toRecord(&rows[i])
	}
	return out, nil
}
