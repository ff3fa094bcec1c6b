package usage

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/syncloud/syncloud/internal/store"
)

// GroupBy names how Query splits the totals.
type GroupBy string

// The groupings of a usage report.
const (
	GroupNone  GroupBy = ""
	GroupKey   GroupBy = "key"   // by API key; requests without one are "none"
	GroupUser  GroupBy = "user"  // by user; requests without one are "none"
	GroupDay   GroupBy = "day"   // by UTC day, "2006-01-02"
	GroupAgent GroupBy = "agent" // by Local Agent ID; "none" for others
)

// ParseGroupBy reads a group_by query parameter.
func ParseGroupBy(s string) (GroupBy, error) {
	switch g := GroupBy(s); g {
	case GroupNone, GroupKey, GroupUser, GroupDay, GroupAgent:
		return g, nil
	}
	return "", fmt.Errorf("group_by must be key, user, day or agent, not %q", s)
}

// Latency holds latency percentiles in milliseconds.
type Latency struct {
	P50 float64 `json:"p50"`
	P95 float64 `json:"p95"`
	P99 float64 `json:"p99"`
}

// Totals counts requests and their latency.
type Totals struct {
	Requests  int64   `json:"requests"`
	Succeeded int64   `json:"succeeded"`
	Failed    int64   `json:"failed"`
	LatencyMS Latency `json:"latency_ms"`
}

// Group is the totals of one key, user, day or agent.
type Group struct {
	Key   string `json:"key"`
	Label string `json:"label,omitempty"` // key name, user email or agent name
	Totals
}

// Report is the answer to GET /api/v1/usage:
// {"total": {...}, "groups": [...]}.
type Report struct {
	Total  Totals  `json:"total"`
	Groups []Group `json:"groups"`
}

// Query reports an organization's requests in [from, to), split by
// groupBy (GroupNone gives no groups). It flushes this meter first, so a
// caller sees its own requests. Percentiles are computed in Go from the
// stored latencies of the period with the nearest-rank method: p is the
// smallest latency that at least p% of requests do not exceed.
func (m *Meter) Query(ctx context.Context, orgID int64, from, to time.Time, groupBy GroupBy) (*Report, error) {
	if err := m.Flush(ctx); err != nil {
		return nil, err
	}
	return Query(ctx, m.db, orgID, from, to, groupBy)
}

// Query is Meter.Query without the flush, for commands that have no
// meter.
func Query(ctx context.Context, db *store.DB, orgID int64, from, to time.Time, groupBy GroupBy) (*Report, error) {
	rows, err := db.UsageRows(ctx, orgID, from, to)
	if err != nil {
		return nil, err
	}
	rep := &Report{Total: totals(rows), Groups: []Group{}}
	if groupBy == GroupNone {
		return rep, nil
	}
	byKey := map[string][]store.UsageRow{}
	labels := map[string]string{}
	for _, r := range rows {
		k, label := groupKey(r, groupBy)
		byKey[k] = append(byKey[k], r)
		labels[k] = label
	}
	if groupBy == GroupAgent {
		if err := agentLabels(ctx, db, orgID, labels); err != nil {
			return nil, err
		}
	}
	for k, rs := range byKey {
		rep.Groups = append(rep.Groups, Group{Key: k, Label: labels[k], Totals: totals(rs)})
	}
	slices.SortFunc(rep.Groups, func(a, b Group) int {
		if groupBy == GroupDay {
			return cmp.Compare(a.Key, b.Key)
		}
		return cmp.Or(cmp.Compare(b.Requests, a.Requests), cmp.Compare(a.Key, b.Key))
	})
	return rep, nil
}

// agentLabels names the organization's Local Agents among the group keys
// (agent IDs) in labels.
func agentLabels(ctx context.Context, db *store.DB, orgID int64, labels map[string]string) error {
	agents, err := db.Agents(ctx, orgID)
	if err != nil {
		return err
	}
	for _, a := range agents {
		id := strconv.FormatInt(a.ID, 10)
		if label, seen := labels[id]; seen && label == "" {
			labels[id] = a.Name
		}
	}
	return nil
}

func groupKey(r store.UsageRow, g GroupBy) (key, label string) {
	id := func(n int64) string {
		if n == 0 {
			return "none"
		}
		return strconv.FormatInt(n, 10)
	}
	switch g {
	case GroupKey:
		return id(r.APIKeyID), r.APIKeyName
	case GroupUser:
		return id(r.UserID), r.UserEmail
	case GroupDay:
		return r.CreatedAt.UTC().Format(time.DateOnly), ""
	}
	if r.AgentID == "" {
		return "none", ""
	}
	return r.AgentID, ""
}

func totals(rows []store.UsageRow) Totals {
	var t Totals
	lat := make([]float64, 0, len(rows))
	for _, r := range rows {
		t.Requests++
		if r.Success {
			t.Succeeded++
		} else {
			t.Failed++
		}
		lat = append(lat, r.LatencyMS)
	}
	slices.Sort(lat)
	t.LatencyMS = Latency{P50: percentile(lat, 50), P95: percentile(lat, 95), P99: percentile(lat, 99)}
	return t
}

// percentile returns the nearest-rank p-th percentile of sorted values,
// 0 for none.
func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	return sorted[max(rank, 1)-1]
}
