package portal

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/run"
	"github.com/syncloud/syncloud/internal/store"
)

// errNoRuns answers the runs pages on a server without a runs service.
var errNoRuns = &pageError{status: http.StatusServiceUnavailable, msg: "Workspaces and runs are not enabled on this server."}

// errViewer refuses a viewer a change to workspaces or runs.
var errViewer = &pageError{status: http.StatusForbidden, msg: "Viewers can look at workspaces and runs but not change them."}

// runs returns the runs service, or a 503 page when the server has none.
func (p *Portal) runs() (*run.Service, error) {
	if p.deps.Runs == nil {
		return nil, errNoRuns
	}
	return p.deps.Runs, nil
}

// canWrite reports whether the caller may ask, plan, apply and destroy:
// members and above, as runs:write in the API.
func canWrite(pr auth.Principal) bool { return pr.Can(auth.ScopeRunsWrite) }

// writer is the signed-in caller when it may change runs.
func writer(r *http.Request) (auth.Principal, error) {
	pr := mustPrincipal(r.Context())
	if !canWrite(pr) {
		return pr, errViewer
	}
	return pr, nil
}

// pathID reads the {id} path value; anything but a positive number is 404.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNotFound
	}
	return id, nil
}

// orgWorkspace loads the {id} workspace of the caller's organization;
// another organization's is 404.
func (p *Portal) orgWorkspace(r *http.Request) (*store.Workspace, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	ws, err := p.deps.DB.Workspace(r.Context(), mustPrincipal(r.Context()).OrgID, id)
	return ws, notFound(err)
}

// orgRun loads the {id} run of the caller's organization; another
// organization's is 404.
func (p *Portal) orgRun(r *http.Request) (*store.Run, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	rn, err := p.deps.DB.Run(r.Context(), mustPrincipal(r.Context()).OrgID, id)
	return rn, notFound(err)
}

// notFound turns the store's "not found" into the 404 page.
func notFound(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return errNotFound
	}
	return err
}

// conflict turns a refused transition (another apply holds the
// workspace, the run moved on) into a 409 page with the reason.
func conflict(err error) error {
	if errors.Is(err, store.ErrConflict) {
		return &pageError{status: http.StatusConflict, msg: err.Error()}
	}
	return notFound(err)
}

// memberNames maps the organization's user IDs to their email
// addresses, for the "who" of runs.
func (p *Portal) memberNames(r *http.Request) (map[int64]string, error) {
	members, err := p.deps.DB.Members(r.Context(), mustPrincipal(r.Context()).OrgID)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(members))
	for _, m := range members {
		out[m.UserID] = m.Email
	}
	return out, nil
}
