package web

import (
	"context"
	"net/http"
	"time"

	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/usage"
)

// defaultUsagePeriod is the report's period when "from" is not given.
const defaultUsagePeriod = 30 * 24 * time.Hour

// usageReport serves GET /api/v1/usage?from=&to=&group_by=key|user|day|agent:
// request volume, successes, failures and latency percentiles of the
// caller's organization.
func (s *Server) usageReport(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	groupBy, err := usage.ParseGroupBy(q.Get("group_by"))
	if err != nil {
		return errorf(http.StatusBadRequest, "%v", err)
	}
	to, err := queryTime(q, "to")
	if err != nil {
		return err
	}
	if to.IsZero() {
		to = s.now().Add(time.Second)
	}
	from, err := queryTime(q, "from")
	if err != nil {
		return err
	}
	if from.IsZero() {
		from = to.Add(-defaultUsagePeriod)
	}
	if !from.Before(to) {
		return errorf(http.StatusBadRequest, "from must be before to")
	}
	rep, err := s.deps.Usage.Query(r.Context(), mustPrincipal(r.Context()).OrgID, from, to, groupBy)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rep)
}

// UsageMeter feeds the web layer's request records to internal/usage.
type UsageMeter struct {
	Meter *usage.Meter
}

// Record converts rec to a request log row and buffers it.
func (u UsageMeter) Record(_ context.Context, rec RequestRecord) {
	row := store.RequestLog{
		OrgID: rec.OrgID, UserID: rec.UserID, APIKeyID: rec.KeyID, AgentID: rec.AgentID,
		RequestID: rec.RequestID, Method: rec.Method, Route: rec.Route, Status: rec.Status, Success: rec.Success,
		LatencyMS: float64(rec.Latency.Microseconds()) / 1000, IP: rec.IP, UserAgent: rec.RawUserAgent,
		Browser: rec.UserAgent.Browser, OS: rec.UserAgent.OS, Referrer: rec.Referrer, CreatedAt: rec.Time,
	}
	if rec.Prompt != "" {
		p := rec.Prompt
		row.Prompt = &p
	}
	u.Meter.Record(row)
}
