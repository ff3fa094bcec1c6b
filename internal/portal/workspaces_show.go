package portal

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/syncloud/syncloud/internal/iac"
	"github.com/syncloud/syncloud/internal/spec"
	"github.com/syncloud/syncloud/internal/store"
)

// stateRow is one state version of a workspace.
type stateRow struct {
	Serial  int64
	SHA256  string
	RunID   int64
	Created time.Time
}

// workspaceView is a workspace's page: details, its spec as Terraform,
// the follow-up prompt box, run history and state versions.
type workspaceView struct {
	Page      Page
	Workspace workspaceRow
	CanWrite  bool
	HasSpec   bool
	Files     []generatedFile
	Prompt    string
	Error     string
	Runs      []runRow
	// OlderRuns is the ID to list older runs before, or 0 when these are
	// the oldest.
	OlderRuns int64
	States    []stateRow
}

// workspacesShow serves GET /workspaces/{id}.
func (p *Portal) workspacesShow(w http.ResponseWriter, r *http.Request) error {
	ws, err := p.orgWorkspace(r)
	if err != nil {
		return err
	}
	v, err := p.workspaceView(r, ws)
	if err != nil {
		return err
	}
	p.render(w, http.StatusOK, "workspace", v)
	return nil
}

// workspaceView builds the page of ws.
func (p *Portal) workspaceView(r *http.Request, ws *store.Workspace) (*workspaceView, error) {
	v := &workspaceView{Page: p.page(r, ws.Name), CanWrite: canWrite(mustPrincipal(r.Context())), HasSpec: ws.Spec != ""}
	conns := map[int64]string{}
	if ws.ConnectionID != 0 {
		if c, err := p.deps.DB.AWSConnectionByID(r.Context(), ws.OrgID, ws.ConnectionID); err == nil {
			conns[c.ID] = c.Name + " (" + c.Kind + ")"
		}
	}
	row, err := p.workspaceRow(r, ws, conns)
	if err != nil {
		return nil, err
	}
	v.Workspace = row
	if v.Files, err = specFiles(ws); err != nil {
		return nil, err
	}
	if v.Runs, v.OlderRuns, err = p.runRows(r, ws); err != nil {
		return nil, err
	}
	v.States, err = p.stateRows(r, ws)
	return v, err
}

// specFiles renders the workspace's current spec as Terraform.
func specFiles(ws *store.Workspace) ([]generatedFile, error) {
	if ws.Spec == "" {
		return nil, nil
	}
	var st spec.Stack
	if err := json.Unmarshal([]byte(ws.Spec), &st); err != nil {
		return nil, fmt.Errorf("decode spec of workspace %d: %w", ws.ID, err)
	}
	files, err := iac.Render(&st, iac.HCL)
	if err != nil {
		return nil, fmt.Errorf("render spec of workspace %d: %w", ws.ID, err)
	}
	return sortedFiles(files), nil
}

// runsPage is how many runs the workspace page lists at once.
const runsPage = 50

// runRows lists a page of the workspace's runs, newest first, before the
// run ?before= names, and the ID to list older ones before (0: none).
func (p *Portal) runRows(r *http.Request, ws *store.Workspace) ([]runRow, int64, error) {
	names, err := p.memberNames(r)
	if err != nil {
		return nil, 0, err
	}
	before, err := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	if err != nil || before < 0 {
		before = 0
	}
	list, err := p.deps.DB.WorkspaceRuns(r.Context(), ws.OrgID, ws.ID, before, runsPage+1)
	if err != nil {
		return nil, 0, err
	}
	var older int64
	if len(list) > runsPage {
		list = list[:runsPage]
		older = list[runsPage-1].ID
	}
	out := make([]runRow, 0, len(list))
	for i := range list {
		out = append(out, newRunRow(&list[i], names))
	}
	return out, older, nil
}

// stateRows lists the workspace's state versions, newest first.
func (p *Portal) stateRows(r *http.Request, ws *store.Workspace) ([]stateRow, error) {
	list, err := p.deps.DB.StateVersions(r.Context(), ws.OrgID, ws.ID)
	if err != nil {
		return nil, err
	}
	out := make([]stateRow, 0, len(list))
	for _, v := range list {
		out = append(out, stateRow{Serial: v.Serial, SHA256: v.SHA256, RunID: v.RunID, Created: v.CreatedAt})
	}
	return out, nil
}
