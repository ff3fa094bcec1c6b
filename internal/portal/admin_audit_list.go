package portal

import (
	"net/http"
	"strconv"

	"github.com/syncloud/syncloud/internal/audit"
)

// adminAuditLimit bounds one page of the platform audit log.
const adminAuditLimit = 200

// adminAuditView is the platform's own audit chain (org_id 0): sign-ins,
// account changes, disabled users, plan changes.
type adminAuditView struct {
	Page   Page
	Filter activityFilter
	Error  string
	Events []audit.Record
	// Next links the following page when this one is full.
	Next string
}

// adminAuditList serves GET /admin/audit: the platform chain, oldest
// first from ?after=, with the activity page's filter.
func (p *Portal) adminAuditList(w http.ResponseWriter, r *http.Request) error {
	if err := p.requirePlatformAdmin(r); err != nil {
		return err
	}
	q := r.URL.Query()
	v := adminAuditView{Page: p.page(r, "Platform audit log"), Filter: activityFilter{
		Actor: q.Get("actor"), Action: q.Get("action"), From: q.Get("from"), To: q.Get("to")}}
	f, msg := auditFilter(v.Filter)
	after, err := strconv.ParseInt(q.Get("after"), 10, 64)
	if q.Get("after") != "" && (err != nil || after < 0) {
		msg = "The page position is not a number."
	}
	if msg != "" {
		v.Error = msg
		p.render(w, http.StatusUnprocessableEntity, "admin_audit", v)
		return nil
	}
	f.AfterSeq, f.Limit = after, adminAuditLimit
	if v.Events, err = audit.List(r.Context(), p.deps.DB, 0, f); err != nil {
		return err
	}
	if n := len(v.Events); n == adminAuditLimit {
		v.Next = v.Filter.link("/admin/audit", "") + nextSep(v.Filter) + "after=" + strconv.FormatInt(v.Events[n-1].Seq, 10)
	}
	p.render(w, http.StatusOK, "admin_audit", v)
	return nil
}

// nextSep joins a further query parameter to the filter's link.
func nextSep(f activityFilter) string {
	if f == (activityFilter{}) {
		return "?"
	}
	return "&"
}
