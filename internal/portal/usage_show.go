package portal

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/usage"
)

// usagePeriods are the periods offered, in days.
var usagePeriods = []int{1, 7, 30, 90}

// usageGroups are the splits offered: by API key, user or Local Agent
// (usage.GroupBy values).
var usageGroups = []string{string(usage.GroupKey), string(usage.GroupUser), string(usage.GroupAgent)}

// usageView is the usage page: totals, a daily chart and a table split by
// key, user or agent for the chosen period; the same numbers as
// /api/v1/usage.
type usageView struct {
	Page    Page
	Days    int
	Periods []int
	Group   string
	From    time.Time
	To      time.Time
	Total   usage.Totals
	Groups  []usage.Group
	Chart   chart
}

// usageShow serves GET /usage?days=&group=key|user|agent. Administrators only,
// as in the API.
func (p *Portal) usageShow(w http.ResponseWriter, r *http.Request) error {
	pr := mustPrincipal(r.Context())
	if !pr.AtLeast(auth.RoleAdmin) {
		return &pageError{status: http.StatusForbidden, msg: "Only administrators read usage."}
	}
	v := usageView{Page: p.page(r, "Usage"), Periods: usagePeriods, Days: 30, Group: "key"}
	if d, err := strconv.Atoi(r.URL.Query().Get("days")); err == nil && containsInt(usagePeriods, d) {
		v.Days = d
	}
	if g := r.URL.Query().Get("group"); slices.Contains(usageGroups, g) {
		v.Group = g
	}
	v.To = time.Now().UTC().Add(time.Second)
	v.From = v.To.Add(-time.Duration(v.Days) * 24 * time.Hour)
	split, err := p.usageQuery(r.Context(), pr.OrgID, v.From, v.To, usage.GroupBy(v.Group))
	if err != nil {
		return err
	}
	daily, err := p.usageQuery(r.Context(), pr.OrgID, v.From, v.To, usage.GroupDay)
	if err != nil {
		return err
	}
	v.Total, v.Groups, v.Chart = split.Total, split.Groups, dailyChart(daily.Groups, v.From, v.Days)
	p.render(w, http.StatusOK, "usage", v)
	return nil
}

// usageQuery asks the meter (which flushes its buffer first) when there
// is one, else the store.
func (p *Portal) usageQuery(ctx context.Context, orgID int64, from, to time.Time, g usage.GroupBy) (*usage.Report, error) {
	if p.deps.Usage != nil {
		return p.deps.Usage.Query(ctx, orgID, from, to, g)
	}
	return usage.Query(ctx, p.deps.DB, orgID, from, to, g)
}

func containsInt(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}
