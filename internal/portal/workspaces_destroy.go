package portal

import (
	"errors"
	"net/http"

	"github.com/syncloud/syncloud/internal/run"
)

// workspacesDestroy serves POST /workspaces/{id}/destroy: a plan that
// deletes every resource of the workspace, to review and approve on its
// run page like any other.
func (p *Portal) workspacesDestroy(w http.ResponseWriter, r *http.Request) error {
	svc, err := p.runs()
	if err != nil {
		return err
	}
	ws, err := p.orgWorkspace(r)
	if err != nil {
		return err
	}
	pr, err := writer(r)
	if err != nil {
		return err
	}
	rn, err := svc.Queue(r.Context(), pr, ws.ID, run.OpDestroy)
	if errors.Is(err, run.ErrInvalid) {
		return &pageError{status: http.StatusConflict, msg: "This workspace has nothing to destroy yet."}
	}
	if err != nil {
		return notFound(err)
	}
	http.Redirect(w, r, runPath(rn.ID), http.StatusSeeOther)
	return nil
}
