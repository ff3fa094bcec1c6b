package portal

import (
	"net/http"
	"strconv"

	"github.com/syncloud/syncloud/internal/store"
)

// workspaceRow is one workspace in the list.
type workspaceRow struct {
	ID         int64
	Name       string
	Region     string
	Mode       string
	Connection string
	// LastRun is the newest run's ID and status; 0 before the first ask.
	LastRun    int64
	LastStatus string
}

// connectionChoice is one AWS connection in the create form.
type connectionChoice struct {
	ID       int64
	Label    string
	Selected bool
}

// workspacesView is the workspaces page: the list and the create form,
// kept with its errors on a rejection.
type workspacesView struct {
	Page        Page
	Workspaces  []workspaceRow
	CanWrite    bool
	Name        string
	Region      string
	Mode        string
	Connections []connectionChoice
	Errors      map[string]string
}

// workspacesList serves GET /workspaces.
func (p *Portal) workspacesList(w http.ResponseWriter, r *http.Request) error {
	v, err := p.workspacesView(r, workspaceForm{Mode: "platform"})
	if err != nil {
		return err
	}
	p.render(w, http.StatusOK, "workspaces", v)
	return nil
}

// workspacesView lists the organization's workspaces with their last
// run, around the create form's values.
func (p *Portal) workspacesView(r *http.Request, f workspaceForm) (*workspacesView, error) {
	pr := mustPrincipal(r.Context())
	v := &workspacesView{Page: p.page(r, "Workspaces"), CanWrite: canWrite(pr),
		Name: f.Name, Region: f.Region, Mode: f.Mode, Errors: f.Errors}
	conns, err := p.deps.DB.AWSConnections(r.Context(), pr.OrgID)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, c := range conns {
		names[c.ID] = c.Name
		v.Connections = append(v.Connections, connectionChoice{ID: c.ID, Label: c.Name + " (" + c.Kind + ")",
			Selected: c.ID == f.ConnectionID})
	}
	list, err := p.deps.DB.Workspaces(r.Context(), pr.OrgID)
	if err != nil {
		return nil, err
	}
	for i := range list {
		row, err := p.workspaceRow(r, &list[i], names)
		if err != nil {
			return nil, err
		}
		v.Workspaces = append(v.Workspaces, row)
	}
	return v, nil
}

func (p *Portal) workspaceRow(r *http.Request, ws *store.Workspace, conns map[int64]string) (workspaceRow, error) {
	row := workspaceRow{ID: ws.ID, Name: ws.Name, Region: ws.Region, Mode: ws.ExecutionMode, Connection: "none"}
	if ws.ConnectionID != 0 {
		row.Connection = conns[ws.ConnectionID]
		if row.Connection == "" {
			row.Connection = "connection " + strconv.FormatInt(ws.ConnectionID, 10)
		}
	}
	runs, err := p.deps.DB.WorkspaceRuns(r.Context(), ws.OrgID, ws.ID, 0, 1)
	if err != nil {
		return row, err
	}
	if len(runs) > 0 {
		row.LastRun, row.LastStatus = runs[0].ID, runs[0].Status
	}
	return row, nil
}
