package portal

import (
	"net/http"
	"strconv"

	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/store"
)

// targetForm is the playground's choice of workspace as sent: an
// existing one, or (Workspace 0) a new one described by New.
type targetForm struct {
	Workspace int64
	New       workspaceForm
}

// workspaceChoice is one workspace in the playground's select.
type workspaceChoice struct {
	ID       int64
	Name     string
	Selected bool
}

// playgroundTarget is the workspace part of the playground form.
type playgroundTarget struct {
	// CanPlan shows the Plan button: the caller may write runs.
	CanPlan     bool
	Workspaces  []workspaceChoice
	NewSelected bool
	Name, Mode  string
	Connections []connectionChoice
	Errors      map[string]string
}

// readTargetForm reads the workspace choice; a new workspace takes the
// playground's region.
func readTargetForm(r *http.Request, region string) targetForm {
	tf := targetForm{New: readWorkspaceForm(r, "ws_")}
	tf.Workspace, _ = strconv.ParseInt(r.PostFormValue("workspace"), 10, 64)
	tf.New.Region = region
	if region == "" {
		tf.New.Region = lml.DefaultRegion
	}
	delete(tf.New.Errors, "region") // the playground's own region field is checked with the prompt
	return tf
}

// playgroundTarget lists the organization's workspaces and connections
// for the form, nil on a server without runs.
func (p *Portal) playgroundTarget(r *http.Request, tf targetForm) (*playgroundTarget, error) {
	if p.deps.Runs == nil {
		return nil, nil
	}
	pr := mustPrincipal(r.Context())
	t := &playgroundTarget{CanPlan: canWrite(pr), NewSelected: true, Name: tf.New.Name, Mode: tf.New.Mode, Errors: tf.New.Errors}
	list, err := p.deps.DB.Workspaces(r.Context(), pr.OrgID)
	if err != nil {
		return nil, err
	}
	for _, ws := range list {
		sel := ws.ID == tf.Workspace
		t.NewSelected = t.NewSelected && !sel
		t.Workspaces = append(t.Workspaces, workspaceChoice{ID: ws.ID, Name: ws.Name, Selected: sel})
	}
	conns, err := p.deps.DB.AWSConnections(r.Context(), pr.OrgID)
	if err != nil {
		return nil, err
	}
	for _, c := range conns {
		t.Connections = append(t.Connections, connectionChoice{ID: c.ID, Label: c.Name + " (" + c.Kind + ")", Selected: c.ID == tf.New.ConnectionID})
	}
	return t, nil
}

// playgroundPlan serves POST /playground with action=plan: the prompt is
// asked in the chosen workspace (created first when new) and the browser
// goes to the run's page, which shows the plan and offers Apply. A
// rejection comes back with everything as typed and the error next to its
// field.
func (p *Portal) playgroundPlan(w http.ResponseWriter, r *http.Request, v *playgroundView) error {
	svc, err := p.runs()
	if err != nil {
		return err
	}
	if _, err := writer(r); err != nil {
		return err
	}
	tf := readTargetForm(r, v.Region)
	_, v.Error, v.RegionError = checkPlayground(v.Prompt, v.Format, v.Region)
	valid := v.Error == "" && v.RegionError == ""
	ws, err := p.planTarget(r, &tf, valid)
	if err != nil {
		return err
	}
	if ws != nil && valid {
		tf.Workspace = ws.ID // a refused prompt keeps a workspace just created chosen
		var rn *store.Run
		if rn, v.Error, err = p.ask(r, svc, ws, v.Prompt); err != nil || rn != nil {
			return toRun(w, r, rn, err)
		}
	}
	if v.Target, err = p.playgroundTarget(r, tf); err != nil {
		return err
	}
	p.render(w, http.StatusUnprocessableEntity, "playground", v)
	return nil
}

// planTarget is the workspace to ask in: the chosen one of the caller's
// organization, or a new one when create is set and its fields are valid.
// Problems go to tf.New.Errors; the workspace is then nil.
func (p *Portal) planTarget(r *http.Request, tf *targetForm, create bool) (*store.Workspace, error) {
	if tf.Workspace != 0 {
		tf.New.Errors = nil
		ws, err := p.deps.DB.Workspace(r.Context(), mustPrincipal(r.Context()).OrgID, tf.Workspace)
		if err == nil {
			return ws, nil
		}
		tf.New.Errors = map[string]string{"workspace": "Choose one of your organization's workspaces."}
		tf.Workspace = 0
		return nil, notFoundAsNil(err)
	}
	if !create {
		return nil, nil
	}
	return p.createWorkspace(r, p.deps.Runs, &tf.New)
}

// notFoundAsNil drops "not found", which the caller reports in the form.
func notFoundAsNil(err error) error {
	if notFound(err) == errNotFound {
		return nil
	}
	return err
}
