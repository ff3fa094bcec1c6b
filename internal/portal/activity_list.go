package portal

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/syncloud/syncloud/internal/audit"
	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/store"
)

// activityLimit bounds one page of the activity log (and one read of an
// export, which goes on to the end).
const activityLimit = 500

// activityFilter is the filter form, kept as typed, and the page: After
// is the sequence number the page starts after.
type activityFilter struct {
	Actor, Action, Workspace, From, To, After string
}

// activityView is the activity log page: the filter, the events and,
// after "verify chain", the result.
type activityView struct {
	Page   Page
	Filter activityFilter
	// ExportCSV, ExportJSONL and VerifyAction are the page's links with
	// the current filter; Next, the next page's, when there may be one.
	ExportCSV, ExportJSONL, VerifyAction, Next string
	Error                                      string
	// Workspaces are the organization's workspaces, for the filter.
	Workspaces []store.Workspace
	Events     []activityEvent
	// Verified is set after a verification; Verify holds its outcome.
	Verified bool
	Verify   *audit.Report
}

// activityList serves GET /activity: the organization's audit events,
// filtered by actor ("user:12"), action (exact or a prefix ending in
// "."), workspace (its own events and its runs') and time.
// Administrators only, as in the API.
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

// activityQuery reads the filter of r; msg is set when a field is wrong.
func activityQuery(r *http.Request) (in activityFilter, f audit.Filter, ws int64, msg string, err error) {
	if !mustPrincipal(r.Context()).AtLeast(auth.RoleAdmin) {
		return in, f, 0, "", &pageError{status: http.StatusForbidden, msg: "Only administrators read the activity log."}
	}
	q := r.URL.Query()
	in = activityFilter{Actor: q.Get("actor"), Action: q.Get("action"), Workspace: q.Get("workspace"),
		From: q.Get("from"), To: q.Get("to"), After: q.Get("after")}
	f, msg = auditFilter(in)
	ws, wsMsg := workspaceFilter(in.Workspace)
	return in, f, ws, cmp.Or(msg, wsMsg), nil
}

func (p *Portal) activityView(r *http.Request) (activityView, error) {
	in, f, ws, msg, err := activityQuery(r)
	if err != nil {
		return activityView{}, err
	}
	orgID := mustPrincipal(r.Context()).OrgID
	v := activityView{Page: p.page(r, "Activity"), Filter: in, Error: msg}
	// Exports and verification cover the whole filtered log, not a page.
	whole := in
	whole.After = ""
	v.ExportCSV, v.ExportJSONL, v.VerifyAction = whole.link("/activity/export", "csv"),
		whole.link("/activity/export", "jsonl"), whole.link("/activity/verify", "")
	if v.Workspaces, err = p.deps.DB.Workspaces(r.Context(), orgID); err != nil {
		return v, err
	}
	if msg != "" {
		return v, nil
	}
	events, err := p.listActivity(r.Context(), orgID, f, ws)
	if len(events) == f.Limit {
		next := in
		next.After = strconv.FormatInt(events[len(events)-1].Seq, 10)
		v.Next = next.link("/activity", "")
	}
	v.Events = readableEvents(events)
	return v, err
}

// workspaceFilter reads the workspace filter: 0 for none; msg when it is
// not a workspace ID.
func workspaceFilter(s string) (id int64, msg string) {
	if strings.TrimSpace(s) == "" {
		return 0, ""
	}
	id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || id <= 0 {
		return 0, "Choose a workspace from the list."
	}
	return id, ""
}

// listActivity lists the events that match f and, when ws is set, concern
// that workspace: the store's pages are read in turn until f.Limit
// events match or the chain ends.
func (p *Portal) listActivity(ctx context.Context, orgID int64, f audit.Filter, ws int64) ([]audit.Record, error) {
	if ws == 0 {
		return audit.List(ctx, p.deps.DB, orgID, f)
	}
	var out []audit.Record
	for {
		page, err := audit.List(ctx, p.deps.DB, orgID, f)
		if err != nil {
			return nil, err
		}
		for _, e := range page {
			if inWorkspace(e, ws) && len(out) < f.Limit {
				out = append(out, e)
			}
		}
		if len(page) < f.Limit || len(out) == f.Limit {
			return out, nil
		}
		f.AfterSeq = page[len(page)-1].Seq
	}
}

// auditFilter turns the form into a store filter; msg names a bad field.
func auditFilter(in activityFilter) (audit.Filter, string) {
	f := audit.Filter{Limit: activityLimit, Action: strings.TrimSpace(in.Action)}
	if a := strings.TrimSpace(in.After); a != "" {
		n, err := strconv.ParseInt(a, 10, 64)
		if err != nil || n < 0 {
			return f, "The page to start after is not an event number."
		}
		f.AfterSeq = n
	}
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
	for k, v := range map[string]string{"actor": f.Actor, "action": f.Action, "workspace": f.Workspace,
		"from": f.From, "to": f.To, "after": f.After, "format": format} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}
