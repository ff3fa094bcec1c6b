package portal

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/syncloud/syncloud/internal/audit"
	"github.com/syncloud/syncloud/internal/auth"
)

// activityLimit bounds one page of the activity log and one export.
const activityLimit = 500

// activityFilter is the filter form, kept as typed.
type activityFilter struct {
	Actor, Action, From, To string
}

// activityView is the activity log page: the filter, the events and,
// after "verify chain", the result.
type activityView struct {
	Page   Page
	Filter activityFilter
	// ExportCSV, ExportJSONL and VerifyAction are the page's links with
	// the current filter.
	ExportCSV, ExportJSONL, VerifyAction string
	Error                                string
	Events                               []audit.Record
	// Verified is set after a verification; Verify holds its outcome.
	Verified bool
	Verify   *audit.Report
}

// activityList serves GET /activity: the organization's audit events,
// filtered by actor ("user:12"), action (exact or a prefix ending in
// ".") and time. Administrators only, as in the API.
func (p *Portal) activityList(w http.ResponseWriter, r *http.Request) error {
	v, err := p.activityView(r)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if v.Error != "" {
		status = http.StatusUnprocessableEntity
	}
	p.render(w, status, "activity", v)
	return nil
}

func (p *Portal) activityView(r *http.Request) (activityView, error) {
	pr := mustPrincipal(r.Context())
	if !pr.AtLeast(auth.RoleAdmin) {
		return activityView{}, &pageError{status: http.StatusForbidden, msg: "Only administrators read the activity log."}
	}
	q := r.URL.Query()
	v := activityView{Page: p.page(r, "Activity"), Filter: activityFilter{
		Actor: q.Get("actor"), Action: q.Get("action"), From: q.Get("from"), To: q.Get("to")}}
	v.ExportCSV, v.ExportJSONL, v.VerifyAction = v.Filter.link("/activity/export", "csv"),
		v.Filter.link("/activity/export", "jsonl"), v.Filter.link("/activity/verify", "")
	f, msg := auditFilter(v.Filter)
	if msg != "" {
		v.Error = msg
		return v, nil
	}
	events, err := audit.List(r.Context(), p.deps.DB, pr.OrgID, f)
	v.Events = events
	return v, err
}

// auditFilter turns the form into a store filter; msg names a bad field.
func auditFilter(in activityFilter) (audit.Filter, string) {
	f := audit.Filter{Limit: activityLimit, Action: strings.TrimSpace(in.Action)}
	if a := strings.TrimSpace(in.Actor); a != "" {
		typ, id, ok := strings.Cut(a, ":")
		if !ok || typ == "" || id == "" {
			return f, `Write the actor as type:id, for example "user:12".`
		}
		f.ActorType, f.ActorID = typ, id
	}
	var err error
	if f.From, err = parseDay(in.From); err != nil {
		return f, "Write the start date as YYYY-MM-DD."
	}
	if f.To, err = parseDay(in.To); err != nil {
		return f, "Write the end date as YYYY-MM-DD."
	}
	if !f.To.IsZero() {
		f.To = f.To.Add(24 * time.Hour) // the end day is included
	}
	return f, ""
}

func parseDay(s string) (time.Time, error) {
	if strings.TrimSpace(s) == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.DateOnly, strings.TrimSpace(s))
}

// link is path with the filter (and format, if any) as its query.
func (f activityFilter) link(path, format string) string {
	q := url.Values{}
	for k, v := range map[string]string{"actor": f.Actor, "action": f.Action, "from": f.From, "to": f.To, "format": format} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}
