package portal

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/syncloud/syncloud/internal/policy"
	"github.com/syncloud/syncloud/internal/run"
	"github.com/syncloud/syncloud/internal/store"
)

// maxLogChunks bounds the log a run page embeds; the live view streams
// the rest.
const maxLogChunks = 5000

// runView is a run's page.
type runView struct {
	Page      Page
	Run       runRow
	Workspace workspaceRow
	Error     string
	Changes   []changeRow
	Findings  []policy.Finding
	Files     []generatedFile
	// Log is the output so far; LogAfter the last chunk's sequence number,
	// where the live view resumes.
	Log        string
	LogAfter   int64
	Busy       bool
	Applied    bool
	CanApprove bool
	CanDiscard bool
	// CanAsk offers the follow-up prompt box.
	CanAsk bool
}

// runsShow serves GET /runs/{id}.
func (p *Portal) runsShow(w http.ResponseWriter, r *http.Request) error {
	rn, err := p.orgRun(r)
	if err != nil {
		return err
	}
	v, err := p.runView(r, rn)
	if err != nil {
		return err
	}
	p.render(w, http.StatusOK, "run", v)
	return nil
}

// runView builds the page of rn.
func (p *Portal) runView(r *http.Request, rn *store.Run) (*runView, error) {
	names, err := p.memberNames(r)
	if err != nil {
		return nil, err
	}
	ws, err := p.deps.DB.Workspace(r.Context(), rn.OrgID, rn.WorkspaceID)
	if err != nil {
		return nil, err
	}
	st, write := run.Status(rn.Status), canWrite(mustPrincipal(r.Context()))
	v := &runView{Page: p.page(r, fmt.Sprintf("Run %d", rn.ID)), Run: newRunRow(rn, names), Error: rn.Error,
		Workspace: workspaceRow{ID: ws.ID, Name: ws.Name, Region: ws.Region, Mode: ws.ExecutionMode},
		Busy:      busy(rn.Status), Applied: st == run.Applied, CanApprove: write && st == run.Planned,
		CanDiscard: write && (st == run.Pending || st == run.Planned || st == run.Approved), CanAsk: write}
	if v.Findings, err = runFindings(rn); err != nil {
		return nil, err
	}
	if v.Files, err = runFiles(rn); err != nil {
		return nil, err
	}
	if v.Changes, err = p.runChanges(r, rn); err != nil {
		return nil, err
	}
	v.Log, v.LogAfter, err = p.runLog(r, rn)
	return v, err
}

// runFindings decodes the policy findings stored with the run.
func runFindings(rn *store.Run) ([]policy.Finding, error) {
	if rn.Findings == "" {
		return nil, nil
	}
	var out []policy.Finding
	if err := json.Unmarshal([]byte(rn.Findings), &out); err != nil {
		return nil, fmt.Errorf("decode findings of run %d: %w", rn.ID, err)
	}
	return out, nil
}

// runFiles is the Terraform configuration the run planned, once planned.
func runFiles(rn *store.Run) ([]generatedFile, error) {
	if rn.Config == "" {
		return nil, nil
	}
	files, err := run.DecodeFiles(rn.Config)
	if err != nil {
		return nil, err
	}
	return sortedFiles(files), nil
}

// runLog reads the run's output so far and the last chunk's number.
func (p *Portal) runLog(r *http.Request, rn *store.Run) (string, int64, error) {
	var b strings.Builder
	var after int64
	for n := 0; n < maxLogChunks; n += 500 {
		chunks, err := p.deps.DB.RunLogs(r.Context(), rn.OrgID, rn.ID, after, 500)
		if err != nil {
			return "", 0, err
		}
		for _, c := range chunks {
			b.WriteString(strings.ReplaceAll(c.Text, "\r", ""))
			after = c.ID
		}
		if len(chunks) < 500 {
			break
		}
	}
	return b.String(), after, nil
}
