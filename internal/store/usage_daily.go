package store

import "context"

// UsageDay is one organization's request counters for one UTC day.
type UsageDay struct {
	OrgID     int64
	Day       string // "2006-01-02", UTC
	Requests  int64
	Succeeded int64
	Failed    int64
}

// AddUsageDays adds the counters to the stored ones, creating rows as
// needed. Rows whose OrgID is 0 (requests of no organization) are
// skipped.
func (q *Queries) AddUsageDays(ctx context.Context, days []UsageDay) error {
	for _, d := range days {
		if d.OrgID == 0 {
			continue
		}
		_, err := q.w.ExecContext(ctx, `INSERT INTO usage_daily (org_id, day, requests, succeeded, failed)
			VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (org_id, day) DO UPDATE SET
				requests = usage_daily.requests + excluded.requests,
				succeeded = usage_daily.succeeded + excluded.succeeded,
				failed = usage_daily.failed + excluded.failed`,
			d.OrgID, d.Day, d.Requests, d.Succeeded, d.Failed)
		if err != nil {
			return wrap(err, "add usage of org %d on %s", d.OrgID, d.Day)
		}
	}
	return nil
}

// UsageDays returns an organization's daily counters for days in
// [fromDay, toDay] ("2006-01-02"), oldest first: cheap enough for quota
// checks on every request.
func (q *Queries) UsageDays(ctx context.Context, orgID int64, fromDay, toDay string) ([]UsageDay, error) {
	rows, err := q.r.QueryContext(ctx, `SELECT day, requests, succeeded, failed FROM usage_daily
		WHERE org_id = $1 AND day >= $2 AND day <= $3 ORDER BY day`, orgID, fromDay, toDay)
	if err != nil {
		return nil, wrap(err, "read daily usage of org %d", orgID)
	}
	defer rows.Close()
	var out []UsageDay
	for rows.Next() {
		d := UsageDay{OrgID: orgID}
		if err := rows.Scan(&d.Day, &d.Requests, &d.Succeeded, &d.Failed); err != nil {
			return nil, wrap(err, "read daily usage of org %d", orgID)
		}
		out = append(out, d)
	}
	return out, wrap(rows.Err(), "read daily usage of org %d", orgID)
}
