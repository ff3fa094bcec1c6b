package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/syncloud/syncloud/internal/audit"
	"github.com/syncloud/syncloud/internal/store"
)

// maxAuditPage bounds the events of one GET /api/v1/audit answer.
const maxAuditPage = 1000

type auditPage struct {
	Events []audit.Record `json:"events"`
	// NextAfter is the "after" of the next page; 0 when this page is the
	// last.
	NextAfter int64 `json:"next_after"`
}

// auditList serves GET /api/v1/audit?after=&limit=&action=&from=&to=: the
// caller organization's chain in sequence order, a page at a time.
func (s *Server) auditList(w http.ResponseWriter, r *http.Request) error {
	f, err := auditFilter(r.URL.Query())
	if err != nil {
		return err
	}
	evs, err := audit.List(r.Context(), s.deps.DB, mustPrincipal(r.Context()).OrgID, f)
	if err != nil {
		return err
	}
	page := auditPage{Events: evs}
	if len(evs) == f.Limit {
		page.NextAfter = evs[len(evs)-1].Seq
	}
	return writeJSON(w, http.StatusOK, page)
}

// auditFilter reads the query: after and limit for paging, action (exact or
// a prefix ending in "."), actor_type, target_type, and from/to times.
func auditFilter(q url.Values) (store.AuditFilter, error) {
	f := store.AuditFilter{Limit: 100, Action: q.Get("action"), ActorType: q.Get("actor_type"), TargetType: q.Get("target_type")}
	var err error
	if v := q.Get("after"); v != "" {
		if f.AfterSeq, err = strconv.ParseInt(v, 10, 64); err != nil || f.AfterSeq < 0 {
			return f, errorf(http.StatusBadRequest, "after must be a sequence number")
		}
	}
	if v := q.Get("limit"); v != "" {
		if f.Limit, err = strconv.Atoi(v); err != nil || f.Limit < 1 || f.Limit > maxAuditPage {
			return f, errorf(http.StatusBadRequest, "limit must be 1 to %d", maxAuditPage)
		}
	}
	if f.From, err = queryTime(q, "from"); err != nil {
		return f, err
	}
	f.To, err = queryTime(q, "to")
	return f, err
}

// queryTime reads an RFC 3339 time or a YYYY-MM-DD date; absent is zero.
func queryTime(q url.Values, name string) (time.Time, error) {
	v := q.Get(name)
	if v == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339Nano, time.DateOnly} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errorf(http.StatusBadRequest, "%s must be an RFC 3339 time or a YYYY-MM-DD date", name)
}
