package portal

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/run"
	"github.com/syncloud/syncloud/internal/store"
)

// workspacesAsk serves POST /workspaces/{id}/ask: the prompt edits the
// workspace's spec and queues a plan, whose page the browser goes to. A
// rejected prompt comes back next to the prompt box, as typed.
func (p *Portal) workspacesAsk(w http.ResponseWriter, r *http.Request) error {
	svc, err := p.runs()
	if err != nil {
		return err
	}
	ws, err := p.orgWorkspace(r)
	if err != nil {
		return err
	}
	prompt := r.PostFormValue("prompt")
	p.notePrompt(r, prompt)
	rn, msg, err := p.ask(r, svc, ws, prompt)
	if err != nil || rn != nil {
		return toRun(w, r, rn, err)
	}
	v, err := p.workspaceView(r, ws)
	if err != nil {
		return err
	}
	v.Prompt, v.Error = prompt, msg
	p.render(w, http.StatusUnprocessableEntity, "workspace", v)
	return nil
}

// ask runs a prompt in ws for a caller who may write; msg says why a
// prompt was refused.
func (p *Portal) ask(r *http.Request, svc *run.Service, ws *store.Workspace, prompt string) (*store.Run, string, error) {
	pr, err := writer(r)
	if err != nil {
		return nil, "", err
	}
	if strings.TrimSpace(prompt) == "" {
		return nil, "Describe the infrastructure you want, or the change to make.", nil
	}
	rn, _, err := svc.Ask(r.Context(), pr, ws.ID, prompt)
	switch {
	case lml.IsNothing(err):
		return nil, "Nothing buildable was recognised in that description: " + err.Error(), nil
	case errors.Is(err, run.ErrInvalid):
		return nil, fmt.Sprintf("The description must be valid text of at most %d bytes.", run.MaxPromptBytes), nil
	case err != nil:
		return nil, "", fmt.Errorf("ask in workspace %d: %w", ws.ID, err)
	}
	return rn, "", nil
}

// toRun sends the browser to the page of rn, unless err.
func toRun(w http.ResponseWriter, r *http.Request, rn *store.Run, err error) error {
	if err != nil {
		return err
	}
	http.Redirect(w, r, runPath(rn.ID), http.StatusSeeOther)
	return nil
}

// runPath is the page of a run.
func runPath(id int64) string { return "/runs/" + strconv.FormatInt(id, 10) }
