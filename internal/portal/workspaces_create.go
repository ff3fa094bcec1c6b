package portal

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/run"
	"github.com/syncloud/syncloud/internal/spec"
	"github.com/syncloud/syncloud/internal/store"
)

// workspaceForm is the create form as sent, with a message per field.
type workspaceForm struct {
	Name, Region, Mode string
	ConnectionID       int64
	Errors             map[string]string
}

// readWorkspaceForm reads and checks the create form's fields; prefix
// names them ("" on /workspaces, "ws_" in the playground).
func readWorkspaceForm(r *http.Request, prefix string) workspaceForm {
	f := workspaceForm{Name: strings.TrimSpace(r.PostFormValue(prefix + "name")),
		Region: strings.TrimSpace(r.PostFormValue(prefix + "region")), Mode: r.PostFormValue(prefix + "mode"),
		Errors: map[string]string{}}
	if f.Name == "" || len(f.Name) > 100 || !utf8.ValidString(f.Name) {
		f.Errors["name"] = "Give the workspace a name of 1 to 100 characters."
	}
	if f.Region == "" {
		f.Region = lml.DefaultRegion
	}
	if !spec.ValidRegion(f.Region) {
		f.Errors["region"] = strconv.Quote(f.Region) + " is not an AWS region code such as us-east-1."
	}
	if _, err := run.ParseMode(f.Mode); err != nil {
		f.Errors["mode"] = "Choose where runs execute: on the platform or on a Local Agent."
	}
	if c := r.PostFormValue(prefix + "connection"); c != "" {
		id, err := strconv.ParseInt(c, 10, 64)
		if err != nil {
			f.Errors["connection"] = "Choose one of the organization's connections."
		}
		f.ConnectionID = id
	}
	return f
}

// createWorkspace creates the form's workspace; a rejection is reported
// in f.Errors and a nil workspace.
func (p *Portal) createWorkspace(r *http.Request, svc *run.Service, f *workspaceForm) (*store.Workspace, error) {
	if len(f.Errors) > 0 {
		return nil, nil
	}
	pr, err := writer(r)
	if err != nil {
		return nil, err
	}
	if f.ConnectionID != 0 {
		if _, err := p.deps.DB.AWSConnectionByID(r.Context(), pr.OrgID, f.ConnectionID); err != nil {
			f.Errors["connection"] = "Choose one of the organization's connections."
			return nil, nil
		}
	}
	ws, err := svc.CreateWorkspace(r.Context(), pr, run.WorkspaceInput{Name: f.Name, Region: f.Region,
		ConnectionID: f.ConnectionID, Mode: f.Mode})
	switch {
	case errors.Is(err, store.ErrConflict):
		f.Errors["name"] = "A workspace of your organization already has this name."
		return nil, nil
	case errors.Is(err, run.ErrInvalid):
		f.Errors["name"] = err.Error()
		return nil, nil
	}
	return ws, err
}

// workspacesCreate serves POST /workspaces: a new workspace, then its
// page; a rejection shows the form again with the errors.
func (p *Portal) workspacesCreate(w http.ResponseWriter, r *http.Request) error {
	svc, err := p.runs()
	if err != nil {
		return err
	}
	f := readWorkspaceForm(r, "")
	ws, err := p.createWorkspace(r, svc, &f)
	if err != nil {
		return err
	}
	if ws != nil {
		http.Redirect(w, r, "/workspaces/"+strconv.FormatInt(ws.ID, 10), http.StatusSeeOther)
		return nil
	}
	v, err := p.workspacesView(r, f)
	if err != nil {
		return err
	}
	p.render(w, http.StatusUnprocessableEntity, "workspaces", v)
	return nil
}
